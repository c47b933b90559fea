package io.calltask.freeswitch.esl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.calltask.freeswitch.FakeChannel;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Events read back exactly as FreeSWITCH wrote them: plain values URL-decoded (UTF-8), {@code _undef_}
 * as "", repeats kept in order, the event's own body apart; JSON with its repeated keys and
 * {@code _body}.
 */
class EslEventTests {

	private static final String UUID = "6b5e8f1c-2d1a-4c4e-9d8e-0f1a2b3c4d01";

	@Test
	void readsABackgroundJobByteForByte() {
		EslEvent event = plain("Event-Name: BACKGROUND_JOB\n"
				+ "Core-UUID: 0c9d7f5e-3b0a-4f3e-8a51-6d2c1e0b9a87\n"
				+ "Event-Date-Local: 2026-11-25%2001%3A47%3A44\n"
				+ "Job-UUID: 7f4db78a-17d7-11dd-b7a0-db4edd065621\n"
				+ "Job-Command: originate\n"
				+ "Job-Command-Arg: %7Borigination_uuid%3Du1%7Dsofia/gateway/gw1/13800000000%20102%20XML%20default\n"
				+ "Content-Length: 15\n"
				+ "\n"
				+ "-ERR USER_BUSY\n");
		assertThat(event.name()).isEqualTo("BACKGROUND_JOB");
		assertThat(event.header("Job-UUID")).isEqualTo("7f4db78a-17d7-11dd-b7a0-db4edd065621");
		assertThat(event.header("Event-Date-Local")).isEqualTo("2026-11-25 01:47:44");
		assertThat(event.header("Job-Command-Arg")).isEqualTo("{origination_uuid=u1}sofia/gateway/gw1/13800000000 102 XML default");
		assertThat(event.header("Content-Length")).isEqualTo("15");
		assertThat(event.body()).isEqualTo("-ERR USER_BUSY\n");
		assertThat(event.size()).isEqualTo(7);
		assertThat(event.header("Hangup-Cause")).isNull();
	}

	@Test
	void readsABodyOnlyAsLongAsItsContentLength() {
		EslEvent event = plain("Event-Name: BACKGROUND_JOB\nContent-Length: 4\n\n+OK trailing");
		assertThat(event.body()).isEqualTo("+OK ");
		assertThat(plain("Event-Name: HEARTBEAT\n\n").body()).isEmpty();
	}

	@Test
	void readsTheHangupADialerReads() {
		SwitchEvent written = FakeChannel.finished(UUID, Duration.ofSeconds(8), Duration.ofMillis(32_250), "空号")
			.event("CHANNEL_HANGUP_COMPLETE", 41, Instant.now());
		EslEvent event = EslEvent.of(decode(written.plainFrame()));
		assertThat(event.name()).isEqualTo("CHANNEL_HANGUP_COMPLETE");
		assertThat(event.header("Unique-ID")).isEqualTo(UUID);
		assertThat(event.headers("Hangup-Cause")).containsExactly("NORMAL_CLEARING", "NORMAL_CLEARING");
		assertThat(event.header("variable_billmsec")).isEqualTo("32250");
		assertThat(event.header("variable_billsec")).isEqualTo("32");
		assertThat(Long.parseLong(event.header("variable_answer_epoch"))).isPositive();
		assertThat(event.header("variable_da_status")).isEqualTo("空号");
		assertThat(event.header("variable_sip_term_status")).isEqualTo("200");
		assertThat(event.header("variable_dialer_call_id")).isEqualTo("771");
		assertThat(event.header("variable_last_bridge_role")).as("_undef_").isEmpty();
		assertThat(event.header("variable_rtp_local_sdp_str")).startsWith("v=0\r\no=FreeSWITCH ").endsWith("a=sendrecv\r\n");
		assertThat(event.header("Event-Date-Local")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
		assertThat(event.body()).isEmpty();
		assertThat(event.size()).isEqualTo(written.size());
		for (int i = 0; i < written.size(); i++) {
			assertThat(event.headerName(i)).isEqualTo(written.headerName(i));
			assertThat(event.headerValue(i)).as(written.headerName(i)).isEqualTo(written.headerValue(i));
		}
	}

	@Test
	void readsTheSameEventFromJson() {
		SwitchEvent written = FakeChannel.finished(UUID, Duration.ofSeconds(8), Duration.ofSeconds(32), "空号")
			.event("CHANNEL_HANGUP_COMPLETE", 41, Instant.now());
		EslEvent event = EslEvent.of(decode(written.jsonFrame()));
		assertThat(event.name()).isEqualTo("CHANNEL_HANGUP_COMPLETE");
		assertThat(event.headers("Hangup-Cause")).containsExactly("NORMAL_CLEARING", "NORMAL_CLEARING");
		assertThat(event.header("variable_da_status")).isEqualTo("空号");
		assertThat(event.header("variable_last_bridge_role")).isEmpty();
		assertThat(event.size()).isEqualTo(written.size());
		for (int i = 0; i < written.size(); i++) {
			assertThat(event.headerName(i)).isEqualTo(written.headerName(i));
			assertThat(event.headerValue(i)).as(written.headerName(i)).isEqualTo(written.headerValue(i));
		}
	}

	@Test
	void urlDecodesUtf8AndLeavesWhatIsNotAnEscape() {
		EslEvent event = plain("Event-Name: CUSTOM\n"
				+ "variable_da_status: %E7%A9%BA%E5%8F%B7\n"
				+ "Lower: %e7%a9%ba%e5%8f%b7\n"
				+ "Plus: a+b\n"
				+ "Broken: 100%ZZ%4\n"
				+ "Trailing: 50%\n"
				+ "Mixed: %22a%20b%22%0A%25\n");
		assertThat(event.header("variable_da_status")).isEqualTo("空号");
		assertThat(event.header("Lower")).isEqualTo("空号");
		assertThat(event.header("Plus")).as("FreeSWITCH encodes a plus, so a bare one is a plus").isEqualTo("a+b");
		assertThat(event.header("Broken")).isEqualTo("100%ZZ%4");
		assertThat(event.header("Trailing")).isEqualTo("50%");
		assertThat(event.header("Mixed")).isEqualTo("\"a b\"\n%");
	}

	@Test
	void decodesWhatTheSwitchEncodes() {
		String odd = "a:b c%d\n\"ü\"+#&;<=>?@[\\]^`{|}'/,! 空号 \t\r";
		SwitchEvent written = new SwitchEvent("CUSTOM").add("Odd", odd).add("Empty", "");
		EslEvent event = EslEvent.plain(written.plain());
		assertThat(event.header("Odd")).isEqualTo(odd);
		assertThat(event.header("Empty")).isEmpty();
		assertThat(EslEvent.json(written.json()).header("Odd")).isEqualTo(odd);
	}

	@Test
	void readsUndefAsEmpty() {
		EslEvent event = plain("Event-Name: CUSTOM\nCaller-Username: _undef_\nNotUndef: _undef_x\n");
		assertThat(event.header("Caller-Username")).isEmpty();
		assertThat(event.header("NotUndef")).isEqualTo("_undef_x");
		assertThat(EslEvent.json(bytes("{\"Event-Name\":\"CUSTOM\",\"A\":\"_undef_\"}")).header("A")).isEmpty();
	}

	@Test
	void keepsRepeatedHeadersInOrder() {
		EslEvent event = plain("Event-Name: CHANNEL_HANGUP_COMPLETE\nHangup-Cause: USER_BUSY\nUnique-ID: u1\n"
				+ "Hangup-Cause: USER_BUSY\nHangup-Cause: SOMETHING_ELSE\n");
		assertThat(event.header("Hangup-Cause")).isEqualTo("USER_BUSY");
		assertThat(event.headers("Hangup-Cause")).containsExactly("USER_BUSY", "USER_BUSY", "SOMETHING_ELSE");
		assertThat(event.headers("Missing")).isEmpty();
		assertThat(event.headerName(2)).isEqualTo("Unique-ID");
		assertThat(event.headerValue(2)).isEqualTo("u1");
	}

	@Test
	void toleratesCarriageReturnsAndOddLines() {
		EslEvent event = plain("Event-Name: HEARTBEAT\r\nUp-Time: 0%20years\r\nno colon here\r\nEmpty:\r\n\r\n");
		assertThat(event.name()).isEqualTo("HEARTBEAT");
		assertThat(event.header("Up-Time")).isEqualTo("0 years");
		assertThat(event.header("Empty")).isEmpty();
		assertThat(event.size()).isEqualTo(3);
		assertThat(plain("Foo: bar\n").name()).as("no Event-Name").isEmpty();
	}

	@Test
	void readsJsonWithRepeatedKeysAndABody() {
		EslEvent event = EslEvent.json(bytes("{\"Event-Name\":\"BACKGROUND_JOB\",\"Hangup-Cause\":\"A\",\"Job-UUID\":\"j1\","
				+ "\"Hangup-Cause\":\"B\",\"Number\":7,\"Null\":null,\"Array\":[\"x\",\"y\"],\"Object\":{\"k\":\"v\"},"
				+ "\"Escaped\":\"tab\\there \\u7a7a\\u53f7\",\"Content-Length\":\"15\",\"_body\":\"-ERR USER_BUSY\\n\"}"));
		assertThat(event.name()).isEqualTo("BACKGROUND_JOB");
		assertThat(event.headers("Hangup-Cause")).containsExactly("A", "B");
		assertThat(event.header("Number")).isEqualTo("7");
		assertThat(event.header("Null")).isEmpty();
		assertThat(event.header("Array")).as("arrays are skipped").isNull();
		assertThat(event.header("Object")).isNull();
		assertThat(event.header("Escaped")).isEqualTo("tab\there 空号");
		assertThat(event.header("Content-Length")).isEqualTo("15");
		assertThat(event.header("_body")).as("the body is not a header").isNull();
		assertThat(event.body()).isEqualTo("-ERR USER_BUSY\n");
	}

	@Test
	void readsFlatJsonWithEveryEscapeLazily() {
		EslEvent event = EslEvent.json(bytes(" {\"Event-Name\" : \"CHANNEL_HANGUP_COMPLETE\",\"Hangup-Cause\":\"NO_ANSWER\","
				+ "\"Hangup-Cause\":\"NO_ANSWER\",\"variable_da_status\":\"空号\",\"Quote\":\"a\\\"b\\\\c\\/d\","
				+ "\"Emoji\":\"\\ud83d\\ude00 \\u00e9\",\"Lines\":\"x\\ny\\r\\tz\",\"Empty\":\"\",\"Undef\":\"_undef_\","
				+ "\"_body\":\"+OK 1\\n\"}\n"));
		assertThat(event.name()).isEqualTo("CHANNEL_HANGUP_COMPLETE");
		assertThat(event.headers("Hangup-Cause")).containsExactly("NO_ANSWER", "NO_ANSWER");
		assertThat(event.header("variable_da_status")).isEqualTo("空号");
		assertThat(event.header("Quote")).isEqualTo("a\"b\\c/d");
		assertThat(event.header("Emoji")).isEqualTo("\ud83d\ude00 \u00e9");
		assertThat(event.header("Lines")).isEqualTo("x\ny\r\tz");
		assertThat(event.header("Empty")).isEmpty();
		assertThat(event.header("Undef")).isEmpty();
		assertThat(event.headerName(3)).isEqualTo("variable_da_status");
		assertThat(event.size()).isEqualTo(9);
		assertThat(event.body()).isEqualTo("+OK 1\n");
		assertThat(EslEvent.json(bytes("{}")).size()).isZero();
	}

	@Test
	void refusesJsonThatIsNotAnEvent() {
		assertThatThrownBy(() -> EslEvent.json(bytes("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EslEvent.json(bytes("{\"Event-Name\":\"X\""))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EslEvent.json(bytes("{\"Event-Name\":"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EslEvent.json(bytes("Event-Name: X"))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void isNullForFramesThatAreNotEvents() {
		assertThat(EslEvent.of(decode(bytes("Content-Type: api/response\nContent-Length: 4\n\ntrue")))).isNull();
		assertThat(EslEvent.of(decode(bytes("Content-Type: command/reply\nReply-Text: +OK\n\n")))).isNull();
	}

	private static EslEvent plain(String body) {
		byte[] event = bytes(body);
		byte[] frame = bytes("Content-Length: " + event.length + "\nContent-Type: text/event-plain\n\n" + body);
		EslEvent decoded = EslEvent.of(decode(frame));
		assertThat(decoded).isNotNull();
		return decoded;
	}

	private static EslFrame decode(byte[] frame) {
		EslFrame decoded = new EslFrameDecoder().next(Unpooled.wrappedBuffer(frame));
		assertThat(decoded).isNotNull();
		return decoded;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
