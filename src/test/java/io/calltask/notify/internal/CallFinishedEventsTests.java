package io.calltask.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.time.DateTimes;

import static org.assertj.core.api.Assertions.assertThat;

/** An event's body, written value by value, is the text the mapper writes for the same map; ids are random UUIDs. */
class CallFinishedEventsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimes TIME = new DateTimes("Asia/Shanghai", Clock.systemUTC());

	@Test
	void theBodyIsWhatTheMapperWritesForTheMap() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("user_id", UUID.randomUUID().toString());
		data.put("task_name", "双十一 \"quoted\" \\ back\nslash\t\u0001 and an emoji 😀");
		data.put("variables", JSON.readTree("{\"name\":\"张三\",\"n\":1.50,\"list\":[1,null,true],\"deep\":{\"a\":\"b\"}}"));
		data.put("no_variables", Map.of());
		data.put("attempt", 3);
		data.put("bridge_seat_id", 12345678901L);
		data.put("answer_datetime", null);
		data.put("duration", (short) 7);
		data.put("ok", true);
		data.put("big", new java.math.BigDecimal("1.10"));
		UUID id = UUID.randomUUID();
		Instant created = Instant.parse("2026-12-07T04:05:06.789Z");

		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", CallFinishedEvents.TYPE);
		event.put("id", id.toString());
		event.put("created_datetime", TIME.format(created));
		event.put("data", data);
		assertThat(CallFinishedEvents.body(JSON, TIME, CallFinishedEvents.TYPE, id, created, data))
			.isEqualTo(JSON.writeValueAsString(event));
	}

	@Test
	void idsAreRandomVersionFourUuids() {
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			UUID id = CallFinishedEvents.newId();
			assertThat(id.version()).isEqualTo(4);
			assertThat(id.variant()).isEqualTo(2);
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

}
