package io.calltask.dialer.number;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A number's stored variables become the text its call carries; nothing stored can stop a call. */
class NumberVariablesTests {

	@Test
	void storedVariablesBecomeTextAsImported() {
		assertThat(NumberVariables.texts("{\"amount\":12.50,\"big\":12345678901234567890,\"due\":\"2026-12-31\","
				+ "\"grade\":\"D\",\"vip\":true,\"姓名\":\"张三\"}"))
			.containsExactly(Map.entry("amount", "12.50"), Map.entry("big", "12345678901234567890"),
					Map.entry("due", "2026-12-31"), Map.entry("grade", "D"), Map.entry("vip", "true"),
					Map.entry("姓名", "张三"));
	}

	@Test
	void noVariablesOrTextThatIsNotAnObjectGiveNone() {
		for (String text : new String[] { null, "", " ", "{", "{\"a\":", "[1,2]", "\"text\"", "42", "null", "not json",
				"{\"a\":1}{" }) {
			assertThat(NumberVariables.texts(text)).as(String.valueOf(text)).isEmpty();
		}
		assertThat(NumberVariables.texts("{\"a\":null,\"b\":[1],\"c\":{\"d\":1},\"e\":\"x\"}")).containsExactly(Map.entry("e", "x"));
	}

}
