package io.calltask.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where {@link Browser} finds Chromium and its driver; elsewhere (the
 * README's test command on a fresh machine) its tests are skipped with {@link Browser#HOW_TO_RUN}.
 * {@code .ci/run} installs both and sets {@code CALLTASK_REQUIRE_BROWSER}, so CI runs them or fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresBrowser.Condition.class)
public @interface RequiresBrowser {

	final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (Browser.available()) {
				return ConditionEvaluationResult.enabled("Chromium at " + Browser.CHROMIUM);
			}
			if (System.getenv("CALLTASK_REQUIRE_BROWSER") != null) {
				// CI: a missing browser fails the tests (they run and cannot start it), never skips them.
				return ConditionEvaluationResult.enabled("CALLTASK_REQUIRE_BROWSER is set");
			}
			System.out.println("[browser] " + context.getDisplayName() + ": " + Browser.HOW_TO_RUN);
			return ConditionEvaluationResult.disabled(Browser.HOW_TO_RUN);
		}

	}

}
