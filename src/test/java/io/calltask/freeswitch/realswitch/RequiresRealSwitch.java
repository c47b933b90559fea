package io.calltask.freeswitch.realswitch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where the real switch ({@link RealSwitch}) answers; elsewhere (the README's
 * test command on a fresh machine) its tests are skipped with {@link RealSwitch#HOW_TO_RUN}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRealSwitch.Condition.class)
public @interface RequiresRealSwitch {

	final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (RealSwitch.reachable()) {
				return ConditionEvaluationResult.enabled("FreeSWITCH answers on " + RealSwitch.HOST + ":" + RealSwitch.PORT);
			}
			System.out.println("[real switch] " + context.getDisplayName() + ": " + RealSwitch.HOW_TO_RUN);
			return ConditionEvaluationResult.disabled(RealSwitch.HOW_TO_RUN);
		}

	}

}
