package io.calltask.task;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's dialing mode (API.md section 9): the default from {@code bridge_proportion}, the modes that
 * need a bridge group, the ranges of predictive's settings, and the {@code pacing} view.
 */
class DialModeIntegrationTests extends TaskApiSupport {

	private long bridgeGroup() {
		ApiClient.Response r = api.post(userPath("/bridge-group"), Map.of("name", "坐席组"));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("bridge_group_id").longValue();
	}

	@Test
	void theModeDefaultsToRatioWithAProportionAndAGroupElseFixed() {
		long group = bridgeGroup();
		JsonNode plain = createTask("固定");
		assertThat(plain.get("dial_mode").stringValue()).isEqualTo("fixed");
		assertThat(plain.get("pacing").isNull()).isTrue();
		assertThat(plain.get("max_dial_level").doubleValue()).isEqualTo(3.0);
		assertThat(plain.get("max_abandon_rate").doubleValue()).isEqualTo(3.0);

		JsonNode proportionOnly = createTask(Map.of("name", "只有比例", "bridge_proportion", 2));
		assertThat(proportionOnly.get("dial_mode").stringValue()).as("no group: as before modes").isEqualTo("fixed");

		JsonNode ratio = createTask(Map.of("name", "比例", "bridge_proportion", 2, "bridge_group_id", group));
		assertThat(ratio.get("dial_mode").stringValue()).isEqualTo("ratio");
		JsonNode pacing = ratio.get("pacing");
		assertThat(pacing.get("mode").stringValue()).isEqualTo("ratio");
		assertThat(pacing.get("dial_level").doubleValue()).isEqualTo(2.0);
		assertThat(pacing.get("seats_available").intValue()).isZero();
		assertThat(pacing.get("abandon_rate").doubleValue()).isZero();
	}

	@Test
	void predictiveIsSetWithItsLevelAndAbandonCap() {
		long group = bridgeGroup();
		JsonNode task = createTask(Map.of("name", "预测", "bridge_group_id", group, "dial_mode", "predictive",
				"max_dial_level", 2.5, "max_abandon_rate", 1));
		assertThat(task.get("dial_mode").stringValue()).isEqualTo("predictive");
		assertThat(task.get("max_dial_level").doubleValue()).isEqualTo(2.5);
		assertThat(task.get("max_abandon_rate").doubleValue()).isEqualTo(1.0);
		assertThat(task.get("pacing").get("dial_level").doubleValue()).as("it starts at 1.0").isEqualTo(1.0);
		String id = task.get("uuid").stringValue();
		ApiClient.Response back = api.put(userPath("/task/" + id), Map.of("max_dial_level", "x"));
		assertThat(back.status()).isEqualTo(422);
		assertThat(get(id).get("max_dial_level").doubleValue()).as("nothing written").isEqualTo(2.5);
		ApiClient.Response reset = api.put(userPath("/task/" + id), body("dial_mode", null, "max_dial_level", null));
		assertThat(reset.status()).as(reset.text()).isEqualTo(200);
		assertThat(get(id).get("dial_mode").stringValue()).isEqualTo("fixed");
		assertThat(get(id).get("max_dial_level").doubleValue()).isEqualTo(3.0);
	}

	@Test
	void badModesAndRangesAre422sNamingTheirKeys() {
		long group = bridgeGroup();
		assertThat(errors(Map.of("name", "a", "dial_mode", "smart"))).containsKey("dial_mode");
		assertThat(errors(Map.of("name", "b", "dial_mode", "predictive"))).as("no group").containsKey("dial_mode");
		assertThat(errors(Map.of("name", "c", "dial_mode", "ratio", "bridge_group_id", group)))
			.as("ratio without a proportion").containsKey("dial_mode");
		Map<String, List<String>> ranges = errors(Map.of("name", "d", "max_dial_level", 0.5, "max_abandon_rate", 10.5));
		assertThat(ranges).containsKeys("max_dial_level", "max_abandon_rate");
		assertThat(errors(Map.of("name", "e", "max_dial_level", 11))).containsKey("max_dial_level");
		assertThat(errors(Map.of("name", "f", "max_abandon_rate", -1))).containsKey("max_abandon_rate");
		assertThat(errors(Map.of("name", "g", "dial_mode", 3))).containsKey("dial_mode");
		assertThat(total("")).as("nothing created").isZero();
	}

	private Map<String, List<String>> errors(Map<String, Object> body) {
		ApiClient.Response r = api.post(userPath("/task"), body);
		assertThat(r.status()).as(r.text()).isEqualTo(422);
		Map<String, List<String>> errors = new java.util.LinkedHashMap<>();
		r.json().path("errors").properties().forEach(e -> {
			List<String> why = new java.util.ArrayList<>();
			e.getValue().forEach(w -> why.add(w.stringValue()));
			errors.put(e.getKey(), why);
		});
		return errors;
	}

}
