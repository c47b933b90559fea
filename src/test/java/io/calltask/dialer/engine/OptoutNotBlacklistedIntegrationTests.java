package io.calltask.dialer.engine;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code calltask.contact.optout-to-blacklist=false}, a callee who opts out is treated as any
 * answered call: nothing joins the blacklist, its number is redialed by its rule, and the same person's
 * numbers in the user's other tasks wait as before.
 */
@TestPropertySource(properties = "calltask.contact.optout-to-blacklist=false")
class OptoutNotBlacklistedIntegrationTests extends OptoutTestSupport {

	@Test
	void anOptoutChangesNothingWhenTheSettingIsOff() {
		Scenario s = new Scenario(this);
		s.run();

		assertThat(api.get(userPath("/blacklist")).json().get("meta").get("total").intValue()).isZero();
		assertThat(api.get(userPath("/task/" + s.dialing + "/call")).json().get("meta").get("total").intValue())
			.isEqualTo(1);
		assertThat(statuses(s.dialing)).as("answered, to be redialed by its rule")
			.containsExactly(Map.entry(PHONE, "pending"), Map.entry("+86" + PHONE, "pending"));
		assertThat(statuses(s.other)).containsExactly(Map.entry("+86" + PHONE, "pending"),
				Map.entry("0086" + PHONE, "pending"), Map.entry("13900000002", "pending"));
		assertThat(s.otherUsersStatus()).isEqualTo("pending");
	}

}
