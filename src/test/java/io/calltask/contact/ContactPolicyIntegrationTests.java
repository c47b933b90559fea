package io.calltask.contact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET|PUT …/contact-policy} (API.md section 10). */
class ContactPolicyIntegrationTests extends ApiIntegrationTest {

	@Test
	void aUserThatNeverSetOneHasTheDeploymentsDefaults() {
		ApiClient.Response r = api.get(userPath("/contact-policy"));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		JsonNode p = r.data();
		assertThat(p.get("max_per_day").isNull()).isTrue();
		assertThat(p.get("max_per_week").isNull()).isTrue();
		assertThat(p.get("min_interval_minutes").intValue()).isZero();
		assertThat(p.get("window").isNull()).isTrue();
		assertThat(p.get("timezone_source").stringValue()).isEqualTo("deployment");
		assertThat(p.get("optout_to_blacklist").booleanValue()).isTrue();
	}

	@Test
	void putReplacesTheWholePolicyAndKeysLeftOutTakeTheDefaults() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("max_per_day", 5);
		body.put("max_per_week", 20);
		body.put("min_interval_minutes", 30);
		body.put("window", Map.of("begin", "08:00", "end", "24:00"));
		body.put("timezone_source", "phone");
		body.put("optout_to_blacklist", false);
		ApiClient.Response put = api.put(userPath("/contact-policy"), body);
		assertThat(put.status()).as(put.text()).isEqualTo(200);
		JsonNode p = api.get(userPath("/contact-policy")).data();
		assertThat(p.get("max_per_day").intValue()).isEqualTo(5);
		assertThat(p.get("max_per_week").intValue()).isEqualTo(20);
		assertThat(p.get("min_interval_minutes").intValue()).isEqualTo(30);
		assertThat(p.get("window").get("begin").stringValue()).isEqualTo("08:00");
		assertThat(p.get("window").get("end").stringValue()).isEqualTo("24:00");
		assertThat(p.get("timezone_source").stringValue()).isEqualTo("phone");
		assertThat(p.get("optout_to_blacklist").booleanValue()).isFalse();

		// A second PUT with one key: everything else back to the deployment's defaults.
		Map<String, Object> partial = new LinkedHashMap<>();
		partial.put("max_per_week", null);
		partial.put("max_per_day", 3);
		assertThat(api.put(userPath("/contact-policy"), partial).status()).isEqualTo(200);
		p = api.get(userPath("/contact-policy")).data();
		assertThat(p.get("max_per_day").intValue()).isEqualTo(3);
		assertThat(p.get("max_per_week").isNull()).isTrue();
		assertThat(p.get("min_interval_minutes").intValue()).isZero();
		assertThat(p.get("window").isNull()).isTrue();
		assertThat(p.get("timezone_source").stringValue()).isEqualTo("deployment");
		assertThat(p.get("optout_to_blacklist").booleanValue()).isTrue();
	}

	@Test
	void everyBadValueIs422NamingItsFieldAndChangesNothing() {
		assertThat(api.put(userPath("/contact-policy"), Map.of("max_per_day", 7)).status()).isEqualTo(200);
		List<Object[]> cases = List.of(
				new Object[] { Map.of("max_per_day", 0), "max_per_day" },
				new Object[] { Map.of("max_per_day", "5"), "max_per_day" },
				new Object[] { Map.of("max_per_day", 1.5), "max_per_day" },
				new Object[] { Map.of("max_per_week", -1), "max_per_week" },
				new Object[] { Map.of("max_per_day", 5, "max_per_week", 2), "max_per_week" },
				new Object[] { Map.of("min_interval_minutes", -1), "min_interval_minutes" },
				new Object[] { Map.of("min_interval_minutes", "30m"), "min_interval_minutes" },
				new Object[] { Map.of("window", "08:00-21:00"), "window" },
				new Object[] { Map.of("window", Map.of("begin", "8:00", "end", "21:00")), "window.begin" },
				new Object[] { Map.of("window", Map.of("begin", "08:00", "end", "25:00")), "window.end" },
				new Object[] { Map.of("window", Map.of("begin", "08:60", "end", "21:00")), "window.begin" },
				new Object[] { Map.of("window", Map.of("begin", "21:00", "end", "08:00")), "window.end" },
				new Object[] { Map.of("window", Map.of("begin", "08:00", "end", "08:00")), "window.end" },
				new Object[] { Map.of("window", Map.of("begin", "24:00", "end", "24:00")), "window.begin" },
				new Object[] { Map.of("window", Map.of("end", "21:00")), "window.begin" },
				new Object[] { Map.of("window", Map.of("begin", "08:00")), "window.end" },
				new Object[] { Map.of("window", Map.of("begin", 8, "end", "21:00")), "window.begin" },
				new Object[] { Map.of("timezone_source", "callee"), "timezone_source" },
				new Object[] { Map.of("timezone_source", 1), "timezone_source" },
				new Object[] { Map.of("optout_to_blacklist", "yes"), "optout_to_blacklist" },
				new Object[] { Map.of("max_per_hour", 1), "max_per_hour" });
		for (Object[] c : cases) {
			ApiClient.Response r = api.put(userPath("/contact-policy"), c[0]);
			assertInvalid(r, (String) c[1]);
		}
		assertError(api.put(userPath("/contact-policy"), List.of(1)), 422);
		assertThat(api.get(userPath("/contact-policy")).data().get("max_per_day").intValue()).isEqualTo(7);
	}

	@Test
	void anotherAgentsUserIsNotFound() {
		ApiClient other = newAgentClient();
		assertError(other.get(userPath("/contact-policy")), 404);
		assertError(other.put(userPath("/contact-policy"), Map.of("max_per_day", 1)), 404);
	}

}
