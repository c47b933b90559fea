package io.calltask.task.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginateVariablesTests {

	private final OriginateVariables variables = new OriginateVariables(new OriginateVariables.Policy(
			List.of("execute_on_media", "absolute_codec_string", "sip_h_X-*"), List.of("start_da")));

	@Test
	void whatTheDialerSendsKeepsOnlyWhatThePolicyAllows() {
		assertThat(variables.allowedPairs("{execute_on_media=start_da,api_on_answer='system x',sip_h_X-Id=7,"
				+ "absolute_codec_string=PCMA\\,PCMU,execute_on_media='system y'}"))
			.containsExactly(Map.entry("execute_on_media", "start_da"), Map.entry("sip_h_X-Id", "7"),
					Map.entry("absolute_codec_string", "PCMA,PCMU"));
		assertThat(variables.allowedPairs("{api_on_answer=x}")).isEmpty();
		assertThat(variables.allowedPairs("")).isEmpty();
		assertThat(variables.allowedPairs(null)).isEmpty();
		assertThat(variables.allowedPairs("{execute_on_media=start_da\nbgapi x}")).as("never sent whole").isEmpty();
		assertThat(variables.allowedPairs("{sip_h_X-A=1:_:sofia/gateway/g/2}")).isEmpty();
	}

	@Test
	void theDialerGetsValuesAsMeantNotAsWritten() {
		assertThat(variables.allowedPairs("{sip_h_X-A='hello world',sip_h_X-B=x\\,y,sip_h_X-C='p, q',"
				+ "sip_h_X-D='',sip_h_X-E=''}"))
			.containsExactly(Map.entry("sip_h_X-A", "hello world"), Map.entry("sip_h_X-B", "x,y"),
					Map.entry("sip_h_X-C", "p, q"), Map.entry("sip_h_X-D", ""), Map.entry("sip_h_X-E", ""));
		assertThat(variables.allowedPairs("{execute_on_media='start_da zh',sip_h_X-A=1,sip_h_X-A=2}"))
			.as("a name given twice keeps its last value, in its first place")
			.containsExactly(Map.entry("execute_on_media", "start_da zh"), Map.entry("sip_h_X-A", "2"));
	}

	@Test
	void theApiSaysWhichVariableIsRefused() {
		assertThat(variables.problem("{api_on_answer=x}")).contains("api_on_answer").contains("execute_on_media");
		assertThat(variables.problem("{execute_on_media='system rm -rf'}")).contains("start_da");
		assertThat(variables.problem("{execute_on_media='start_da zh'}")).isNull();
		assertThat(variables.problem("{execute_on_media=start_da::x}")).isNull();
		assertThat(variables.problem("{}")).isNull();
		assertThat(variables.problem("{absolute_codec_string='PCMA,PCMU'}")).as("a quoted comma").isNull();
		assertThat(variables.problem("{absolute_codec_string=PCMA\\,PCMU}")).as("an escaped comma").isNull();
		assertThat(variables.problem("{absolute_codec_string='it''s}")).as("quotes unpaired").isNotNull();
	}

	@Test
	void theDefaultPolicyLetsTheDetectorAndCustomHeadersThrough() {
		OriginateVariables defaults = new OriginateVariables(new OriginateVariables.Policy(List.of("execute_on_media",
				"execute_on_answer", "execute_on_pre_answer", "absolute_codec_string", "codec_string",
				"origination_caller_id_name", "sip_h_X-*"), List.of("start_da")));
		String block = "{execute_on_media=start_da,sip_h_X-Customer-Id=42,origination_caller_id_name='Bank Card'}";
		assertThat(defaults.problem(block)).isNull();
		assertThat(defaults.allowedPairs(block)).containsExactly(Map.entry("execute_on_media", "start_da"),
				Map.entry("sip_h_X-Customer-Id", "42"), Map.entry("origination_caller_id_name", "Bank Card"));
	}

}
