package io.calltask.freeswitch.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.calltask.dialer.spi.OriginateRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OriginateCommandTests {

	private static final UUID CALL = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000771");

	private static final UUID TASK = UUID.fromString("0b7e4a52-1111-4000-8000-000000000001");

	private static final UUID LINE = UUID.fromString("2533f3f6-7ac1-4b55-b1de-7d308ce00d89");

	private static OriginateRequest call(String dial, Map<String, String> vars) {
		return call(new OriginateRequest.Callee("13800138000", dial, Map.of()), vars);
	}

	/** A call of task {@code TASK}, number 42, on line {@code LINE} through {@code carrier_a}, answered into 102. */
	private static OriginateRequest call(OriginateRequest.Callee callee, Map<String, String> vars) {
		return new OriginateRequest(new OriginateRequest.Identity(CALL, TASK, 42), callee,
				new OriginateRequest.Route(LINE, "carrier_a", "fs1", "20000", 30),
				new OriginateRequest.Destination("102", "XML", "default", vars));
	}

	/** Name, value, name, value, … in that order. */
	private static Map<String, String> ordered(String... namesAndValues) {
		Map<String, String> pairs = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			pairs.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return pairs;
	}

	@Test
	void theSeedsFieldsMakeOneOriginate() {
		assertThat(OriginateCommand.of(call("013800138000", Map.of("execute_on_media", "start_da")), "node-a"))
			.isEqualTo("originate {origination_uuid=" + CALL + ",origination_caller_id_number=20000,originate_timeout=30,"
					+ "ignore_early_media=true,execute_on_media=start_da,calltask_call=" + CALL + ",calltask_task=" + TASK
					+ ",calltask_number=42,calltask_line=" + LINE + ",calltask_node=node-a}sofia/gateway/carrier_a/013800138000 102 XML default");
	}

	@Test
	void valuesWithSpacesAreQuotedAndCommasEscaped() {
		Map<String, String> vars = new LinkedHashMap<>();
		OriginateCommand.taskVariables(ordered("a", "hello world", "b", "x,y", "c", "p, q", "sip_h_X-Customer", "42"),
				vars);
		assertThat(vars).containsExactly(Map.entry("a", "'hello world'"), Map.entry("b", "x\\,y"),
				Map.entry("c", "'p\\, q'"), Map.entry("sip_h_X-Customer", "42"));
	}

	@Test
	void aTaskCannotOverrideOurVariablesOrBreakOutOfTheBlock() {
		Map<String, String> vars = new LinkedHashMap<>();
		OriginateCommand.taskVariables(ordered("origination_uuid", "x", "calltask_call", "y", "IGNORE_EARLY_MEDIA",
				"false", "ok", "1", "nl", "a\nbgapi status", "brace", "a}b", "dollar", "${x}", "bad name", "1", "", "v",
				"quote", "it's", "split", "a:_:sofia/gateway/g/2", "back", "a\\", "open", "{x"), vars);
		assertThat(vars).containsOnlyKeys("ok");
		String command = OriginateCommand.of(
				call("1", ordered("origination_uuid", "evil", "originate_timeout", "1", "x", "a\n\nexit")), "node-a");
		assertThat(command).doesNotContain("evil", "\n", "exit").contains("originate_timeout=30");
		assertThat(command.chars().filter(c -> c == '{').count()).isEqualTo(1);
	}

	@Test
	void aNumbersVariablesGoToTheBotAsCalltaskVarAfterTheTasksAndBeforeOurs() {
		OriginateRequest r = call(new OriginateRequest.Callee("13800138000", "013800138000",
				ordered("amount", "12.50", "grade", "D", "name", "Li Lei", "note", "a,b")),
				Map.of("execute_on_media", "start_da"));
		assertThat(OriginateCommand.of(r, "node-a")).isEqualTo("originate {origination_uuid=" + CALL
				+ ",origination_caller_id_number=20000,originate_timeout=30,ignore_early_media=true,execute_on_media=start_da,"
				+ "calltask_var_amount=12.50,calltask_var_grade=D,calltask_var_name='Li Lei',calltask_var_note=a\\,b,"
				+ "calltask_call=" + CALL + ",calltask_task=" + TASK + ",calltask_number=42,calltask_line=" + LINE
				+ ",calltask_node=node-a}sofia/gateway/carrier_a/013800138000 102 XML default");
	}

	@Test
	void aNumbersVariablesThatCannotBeWrittenSafelyAreLeftOut() {
		Map<String, String> vars = new LinkedHashMap<>();
		OriginateCommand.numberVariables(ordered("ok", "1", "姓名", "张三", "bad name", "1", "dot.ted", "1", "dash-ed", "1",
				"", "1", "nl", "a\nb", "tab", "a\tb", "brace", "a}b", "open", "{x", "dollar", "${uuid}", "quote", "it's",
				"back", "a\\b", "split", "a:_:sofia/gateway/g/2", "chinese_value", "张三"), vars);
		assertThat(vars).containsExactly(Map.entry("calltask_var_ok", "1"), Map.entry("calltask_var_chinese_value", "张三"));
	}

	@Test
	void aNumbersVariablesCannotOverrideOursOrBreakOutOfTheBlock() {
		OriginateRequest r = call(new OriginateRequest.Callee("13800138000", "1", ordered("origination_uuid", "evil",
				"calltask_call", "evil", "call", "mine", "x", "a}sofia/gateway/evil/1", "y", "a\n\nexit")), Map.of());
		String command = OriginateCommand.of(r, "node-a");
		assertThat(command).startsWith("originate {origination_uuid=" + CALL + ",")
			.contains(",calltask_call=" + CALL + ",", "calltask_var_origination_uuid=evil",
					"calltask_var_calltask_call=evil", "calltask_var_call=mine")
			.doesNotContain("\n", "exit", "evil/1");
		assertThat(command.chars().filter(c -> c == '{').count()).isEqualTo(1);
		assertThat(command.chars().filter(c -> c == '}').count()).isEqualTo(1);
	}

	@Test
	void aNumberSendsAtMost32VariablesOfAtMost256Characters() {
		Map<String, String> many = new java.util.TreeMap<>();
		for (int i = 0; i < 50; i++) {
			many.put(String.format("v%02d", i), i == 0 ? "x".repeat(1000) : i == 1 ? "bad}" : "value " + i);
		}
		Map<String, String> vars = new LinkedHashMap<>();
		OriginateCommand.numberVariables(many, vars);
		assertThat(vars).hasSize(32).containsEntry("calltask_var_v00", "x".repeat(256)).doesNotContainKey("calltask_var_v01");
		assertThat(vars.keySet()).last().isEqualTo("calltask_var_v32");
		String cutInAPair = "a".repeat(255) + "😀";
		Map<String, String> emoji = new LinkedHashMap<>();
		OriginateCommand.numberVariables(Map.of("e", cutInAPair), emoji);
		assertThat(emoji.get("calltask_var_e")).isEqualTo("a".repeat(255));
	}

	@Test
	void dialStringsThatWouldRingSeveralNumbersAreRefused() {
		for (String dial : new String[] { "1,2", "1|2", "1 2", "1'", "", "1;x=y", "a/b", "138@evil.example", "1:_:2",
				"abc" }) {
			assertThatIllegalArgumentException().as(dial)
				.isThrownBy(() -> OriginateCommand.of(call(dial, Map.of()), "node-a"))
				.matches(e -> ((OriginateCommand.Refused) e).hangupCause().equals("INVALID_NUMBER_FORMAT"));
		}
		OriginateRequest r = call("1", Map.of());
		OriginateRequest viaUri = new OriginateRequest(r.identity(), r.callee(),
				new OriginateRequest.Route(LINE, "gw:_:x", "fs1", "", 60), r.destination());
		assertThatIllegalArgumentException().isThrownBy(() -> OriginateCommand.of(viaUri, "node-a"))
			.matches(e -> ((OriginateCommand.Refused) e).hangupCause().equals("INVALID_GATEWAY"));
		assertThat(OriginateCommand.of(call("+86138*1#", Map.of()), "node-a")).contains("/+86138*1# 102");
	}

	@Test
	void anEmptyCallerIdIsLeftToTheGateway() {
		OriginateRequest r = new OriginateRequest(new OriginateRequest.Identity(CALL, TASK, 1),
				new OriginateRequest.Callee("1", "1", null), new OriginateRequest.Route(LINE, "gw", "fs1", "", 60),
				new OriginateRequest.Destination("102", "XML", "default", null));
		assertThat(OriginateCommand.of(r, "node-a")).doesNotContain("origination_caller_id_number");
	}

	@Test
	void aCallForASeatParksOnceAnsweredInsteadOfGoingToTheBot() {
		OriginateRequest r = call("013800138000", Map.of());
		OriginateRequest forSeat = new OriginateRequest(r.identity(), r.callee(), r.route(),
				new OriginateRequest.Destination("102", "XML", "default", Map.of(), true));
		assertThat(OriginateCommand.of(forSeat, "node-a")).endsWith("}sofia/gateway/carrier_a/013800138000 &park()")
			.contains("origination_uuid=" + CALL + ",", "calltask_node=node-a", ",park_timeout=60:ALLOTTED_TIMEOUT,");
		OriginateRequest noBot = new OriginateRequest(r.identity(), r.callee(), r.route(),
				new OriginateRequest.Destination(null, null, null, Map.of(), true));
		assertThat(OriginateCommand.of(noBot, "node-a")).as("the bot's extension is not needed to park")
			.endsWith(" &park()");
	}

}
