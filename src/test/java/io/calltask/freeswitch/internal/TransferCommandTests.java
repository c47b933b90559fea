package io.calltask.freeswitch.internal;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.calltask.dialer.spi.CallGateway.SeatRing;
import io.calltask.dialer.spi.OriginateRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TransferCommandTests {

	private static final UUID CALL = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000771");

	private static final UUID SEAT_LEG = UUID.fromString("5ea7c0de-0000-4000-8000-000000000042");

	private static SeatRing ring(String contact, String phone, String holdAudio) {
		return new SeatRing(CALL, 42, contact, phone, 15, holdAudio);
	}

	@Test
	void aRingBridgesTheSeatOnAnswerAndParksTheCustomerIfItFails() {
		assertThat(TransferCommand.ring(ring("user/1001", "13800138000", "tone_stream://%(1000,4000,450)"), SEAT_LEG,
				"node-a"))
			.isEqualTo("uuid_transfer " + CALL + " 'm:^:set:hangup_after_bridge=true^set:continue_on_fail=true"
					+ "^set:transfer_ringback=tone_stream://%(1000,4000,450)^unset:calltask_transfer^set:calltask_ring="
					+ SEAT_LEG + "^bridge:{origination_uuid=" + SEAT_LEG + ",originate_timeout=15,ignore_early_media=true,"
					+ "origination_caller_id_number=13800138000,origination_caller_id_name=13800138000,calltask_call_id="
					+ CALL + ",calltask_seat_id=42,calltask_node=node-a}user/1001^set:park_timeout=60:ALLOTTED_TIMEOUT^park' inline");
	}

	@Test
	void contactsOfEveryKindAreSentAndNoneThatCouldBreakOut() {
		for (String contact : new String[] { "user/1001", "sofia/gateway/carrier_a/13900139000",
				"sofia/internal/seat_talk@127.0.0.1:5080", "sofia/internal/1001@10.0.0.5:5060;transport=tcp" }) {
			assertThat(TransferCommand.ring(ring(contact, "1", null), SEAT_LEG, "n")).contains("}" + contact + "^set:park_timeout=");
		}
		for (String contact : new String[] { "user/1001,user/1002", "user/1001|user/1002", "user/1001^park",
				"{x=1}user/1001", "user/${x}", "user/1001 x", "user/1001'", "1001", null }) {
			assertThatIllegalArgumentException().as(contact)
				.isThrownBy(() -> TransferCommand.ring(ring(contact, "1", null), SEAT_LEG, "n"))
				.matches(e -> ((OriginateCommand.Refused) e).hangupCause().equals("INVALID_NUMBER_FORMAT"));
		}
	}

	@Test
	void holdAudioThatCannotBeSentIsLeftOutAndTheCustomerWaitsInSilence() {
		assertThat(TransferCommand.hold(CALL, "local_stream://moh"))
			.isEqualTo("uuid_transfer " + CALL + " 'm:^:unset:calltask_transfer^endless_playback:local_stream://moh' inline");
		for (String audio : new String[] { "${hold_music}", "a^b", "it's.wav", "a b.wav", null }) {
			assertThat(TransferCommand.hold(CALL, audio)).as(audio)
				.endsWith("'m:^:unset:calltask_transfer^endless_playback:silence_stream://-1' inline");
			assertThat(TransferCommand.ring(ring("user/1", "1", audio), SEAT_LEG, "n")).as(audio)
				.contains("^unset:transfer_ringback^");
		}
	}

	@Test
	void aPhoneThatIsNotANumberIsNotShownToTheSeat() {
		assertThat(TransferCommand.ring(ring("user/1", "13800,1", null), SEAT_LEG, "n"))
			.doesNotContain("origination_caller_id");
	}

	@Test
	void backToTheBotIsOneCommand() {
		assertThat(TransferCommand.toBot(CALL, new OriginateRequest.Destination("102", "XML", "default", Map.of())))
			.isEqualTo("uuid_transfer " + CALL
					+ " 'm:^:unset:calltask_transfer^set:calltask_bridge_result=busy^transfer:102 XML default' inline");
		assertThatIllegalArgumentException().isThrownBy(
				() -> TransferCommand.toBot(CALL, new OriginateRequest.Destination("102 x", "XML", "default", Map.of())));
	}

}
