package io.calltask.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JsonWriter} must write exactly the bytes Jackson writes for the same values, since the
 * task list is written by it and every other answer by Jackson.
 */
class JsonWriterTests {

	private static final JsonMapper JACKSON = JsonMapper.builder().build();

	@Test
	void stringsAreEscapedAsJacksonEscapesThem() {
		Random random = new Random(42);
		// Every ASCII character, Latin, CJK, emoji (surrogate pairs) and the escapes' neighbours.
		String alphabet = allAscii() + "éß中文双十一促销外呼\u2028\u2029\uFFFF\u0800\u07FF😀🎉";
		for (int i = 0; i < 2_000; i++) {
			StringBuilder s = new StringBuilder();
			int length = random.nextInt(40);
			for (int j = 0; j < length; j++) {
				int at = random.nextInt(alphabet.length());
				char c = alphabet.charAt(at);
				if (Character.isHighSurrogate(c)) {
					s.append(c).append(alphabet.charAt(at + 1));
				}
				else if (!Character.isLowSurrogate(c)) {
					s.append(c);
				}
			}
			assertSame(s.toString());
		}
		assertSame("");
		assertSame("\"\\/\b\f\n\r\t\u0000\u001f\u007f");
		assertSame("x".repeat(5000));
	}

	@Test
	void aLoneSurrogateIsEscapedNotLostAsJacksonDoes() {
		String written = new JsonWriter(16).string("a\uD800b\uDC00").toString();
		assertThat(written).isEqualTo("\"a\\uD800b\\uDC00\"");
		// Jackson's byte output (what an HTTP answer is) escapes it the same way.
		assertThat(new JsonWriter(16).string("a\uD800b\uDC00").toByteArray())
			.isEqualTo(JACKSON.writeValueAsBytes("a\uD800b\uDC00"));
		assertThat(JACKSON.readValue(written, String.class)).isEqualTo("a\uD800b\uDC00");
	}

	@Test
	void numbersAndLiteralsAreWrittenAsJacksonWritesThem() {
		Random random = new Random(7);
		List<Object> values = new ArrayList<>(Arrays.asList(0L, -1L, 9L, 10L, 99L, 100L, Long.MAX_VALUE, Long.MIN_VALUE,
				Integer.MIN_VALUE, 1_000_000_000_000_000_000L, 999_999_999_999_999_999L, true, false, null,
				new BigDecimal("12.50"), 1.5d, 0.1f, Double.NaN));
		for (int i = 0; i < 1_000; i++) {
			values.add(random.nextLong() >> random.nextInt(64));
		}
		for (Object value : values) {
			assertThat(new JsonWriter(4).value(value).toString()).as("%s", value)
				.isEqualTo(JACKSON.writeValueAsString(value));
		}
	}

	@Test
	void uuidsAreTheirCanonicalStrings() {
		for (UUID id : List.of(UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1))) {
			assertThat(new JsonWriter(4).uuid(id).toString()).isEqualTo("\"" + id + "\"");
		}
		assertThat(new JsonWriter(4).uuid(null).toString()).isEqualTo("null");
	}

	@Test
	void nestedStructuresGetTheirCommasWhereJacksonPutsThem() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("id", 1L);
		inner.put("名字", "测试模型");
		inner.put("empty", Map.of());
		inner.put("none", List.of());
		inner.put("list", List.of(1, "two", List.of(3), Map.of("k", false)));
		inner.put("null", null);
		Map<String, Object> outer = new LinkedHashMap<>();
		outer.put("a\"b", inner);
		outer.put("n", List.of(inner, inner));
		assertThat(new JsonWriter(1).value(outer).toString()).isEqualTo(JACKSON.writeValueAsString(outer));
	}

	@Test
	void namesWrittenOnceAndRawValuesGoIntoTheStream() {
		JsonWriter.Name name = JsonWriter.Name.of("work_hour");
		JsonWriter.Name other = JsonWriter.Name.of("名\"");
		JsonWriter w = new JsonWriter(1);
		w.startObject().name(name).rawValue("[{\"wday\":1,\"begin\":\"08:00\"}]");
		w.name(other).rawValue("\"双十一\"");
		w.name("dynamic").startArray().rawValue("1").rawValue("{}").endArray();
		w.endObject();
		String expected = "{\"work_hour\":[{\"wday\":1,\"begin\":\"08:00\"}],\"名\\\"\":\"双十一\",\"dynamic\":[1,{}]}";
		assertThat(w.toString()).isEqualTo(expected);
		assertThat(w.toByteArray()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
		assertThat(w.size()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void writablesWriteThemselvesAndJacksonCanEmbedThem() {
		JsonWritable.Value item = new JsonWritable.Value() {
			@Override
			public void writeTo(JsonWriter writer) {
				writer.startObject().name("name").string("外呼\n").name("n").number(3).endObject();
			}
		};
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("data", List.of(item, item));
		String expected = "{\"data\":[{\"name\":\"外呼\\n\",\"n\":3},{\"name\":\"外呼\\n\",\"n\":3}]}";
		assertThat(JACKSON.writeValueAsString(envelope)).isEqualTo(expected);
		assertThat(new JsonWriter(8).value(envelope).toString()).isEqualTo(expected);
	}

	@Test
	void anUnknownTypeIsRefusedNotGuessed() {
		assertThatThrownBy(() -> new JsonWriter(8).value(new Object())).isInstanceOf(IllegalArgumentException.class);
	}

	private static void assertSame(String s) {
		assertThat(new JsonWriter(1).string(s).toByteArray()).as("%s", s)
			.isEqualTo(JACKSON.writeValueAsBytes(s));
	}

	private static String allAscii() {
		StringBuilder s = new StringBuilder();
		for (char c = 0; c < 128; c++) {
			s.append(c);
		}
		return s.toString();
	}

}
