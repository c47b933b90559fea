package io.calltask.freeswitch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.calltask.freeswitch.esl.SwitchEvent;

/**
 * One outbound SIP channel of {@link FakeFreeSwitch}, placed by an originate through a gateway, and
 * the events it fires: each carries the channel's data the way {@code switch_channel_event_set_data}
 * adds it (state, {@code Caller-*} profile, then every channel variable as {@code variable_<name>}),
 * so a {@code CHANNEL_HANGUP_COMPLETE} has the size and shape of a real one: some 170 headers, 6 KB,
 * {@code Hangup-Cause} twice, the SDP and RTP statistics a dialer never reads but must skip.
 * Public so the decoder benchmark measures the very events the peer sends.
 */
public final class FakeChannel {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** Where the gateways' far end lives: TEST-NET-3, never routed. */
	private static final String GATEWAY_IP = "203.0.113.10";

	private static final String LOCAL_IP = "10.0.0.2";

	private final FakeFreeSwitch.Originate originate;

	/** Variables set after the originate ({@code uuid_setvar}), over the originate's own. */
	private final Map<String, String> setLater = new java.util.concurrent.ConcurrentHashMap<>();

	/** Variables unset after the originate ({@code unset}), the originate's own included. */
	private final java.util.Set<String> unset = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final String coreUuid;

	private final String hostname;

	private final int sessionId;

	private final Instant created;

	private final Map<String, String> extra = new LinkedHashMap<>();

	private Instant answered;

	private Instant hungUp;

	private String cause;

	private boolean endedByUs;

	/**
	 * A channel created now by {@code originate} on the switch {@code coreUuid} at {@code hostname};
	 * {@code sessionId} is the switch's session counter (it shows as {@code variable_session_id}).
	 */
	public FakeChannel(FakeFreeSwitch.Originate originate, String coreUuid, String hostname, int sessionId, Instant created) {
		this.originate = Objects.requireNonNull(originate);
		this.coreUuid = coreUuid;
		this.hostname = hostname;
		this.sessionId = sessionId;
		this.created = created;
	}

	/**
	 * A call placed the way the dialer places them (the reference's originate), answered after
	 * {@code ring}, hung up by the far end after {@code talk}, with {@code variable_da_status} set if
	 * given: the {@code CHANNEL_HANGUP_COMPLETE} a dialer reads most, for decoder tests and the benchmark.
	 */
	public static FakeChannel finished(String uuid, Duration ring, Duration talk, String daStatus) {
		FakeFreeSwitch.Originate originate = FakeFreeSwitch.Originate.parse("{origination_uuid=" + uuid
				+ ",origination_caller_id_number=057188880000,originate_timeout=60,ignore_early_media=true,"
				+ "execute_on_media='start_da',dialer_call_id=771}sofia/gateway/gw1/13800000000 102 XML default");
		Instant created = Instant.now().minus(ring).minus(talk);
		FakeChannel channel = new FakeChannel(originate, "0c9d7f5e-3b0a-4f3e-8a51-6d2c1e0b9a87", "fs1", 12, created);
		channel.answer(created.plus(ring));
		if (daStatus != null) {
			channel.variable("da_status", daStatus);
		}
		channel.hangup("NORMAL_CLEARING", false, created.plus(ring).plus(talk));
		return channel;
	}

	public String uuid() {
		return originate.uuid();
	}

	/** {@code uuid_setvar}: later events carry the new value. */
	public void set(String name, String value) {
		unset.remove(name);
		setLater.put(name, value);
	}

	/** {@code unset}: later events no longer carry it. */
	public void unset(String name) {
		setLater.remove(name);
		unset.add(name);
	}

	/** A channel variable: as set later, else from the originate, else null. */
	public String variable(String name) {
		if (unset.contains(name)) {
			return null;
		}
		String later = setLater.get(name);
		return later != null ? later : originate.variables().get(name);
	}

	public FakeFreeSwitch.Originate originate() {
		return originate;
	}

	public boolean answered() {
		return answered != null;
	}

	public boolean hungUp() {
		return hungUp != null;
	}

	/** Sets a channel variable, reported from the next event on (a detector's {@code da_status}, say). */
	public void variable(String name, String value) {
		extra.put(name, value);
	}

	public void answer(Instant at) {
		answered = at;
	}

	/** Ends the channel; {@code byUs}: the switch sent the BYE or CANCEL (a kill, a timeout), not the far end. */
	public void hangup(String cause, boolean byUs, Instant at) {
		this.cause = cause;
		this.endedByUs = byUs;
		this.hungUp = at;
	}

	/** The event {@code eventName} as this channel fires it now, numbered {@code sequence} by the switch. */
	public SwitchEvent event(String eventName, long sequence, Instant at) {
		SwitchEvent event = new SwitchEvent(eventName);
		String[] place = callingPlace(eventName);
		event.stamp(coreUuid, hostname, at, sequence, place[0], place[1], Integer.parseInt(place[2]));
		if (eventName.equals("CHANNEL_HANGUP_COMPLETE")) {
			event.add("Hangup-Cause", cause); // the reporting state's own, before the channel's data
		}
		addChannelData(event, eventName);
		return event;
	}

	private static String[] callingPlace(String eventName) {
		return switch (eventName) {
			case "CHANNEL_CREATE" -> new String[] { "switch_core_state_machine.c", "switch_core_session_run", "627" };
			case "CHANNEL_ANSWER" -> new String[] { "switch_channel.c", "switch_channel_perform_mark_answered", "3994" };
			case "CHANNEL_HANGUP" -> new String[] { "switch_channel.c", "switch_channel_perform_hangup", "3491" };
			case "CHANNEL_HANGUP_COMPLETE" -> new String[] { "switch_core_state_machine.c", "switch_core_session_reporting_state", "946" };
			case "CHANNEL_DESTROY" -> new String[] { "switch_core_session.c", "switch_core_session_perform_destroy", "1742" };
			default -> new String[] { "switch_channel.c", "switch_channel_event_set_data", "2931" };
		};
	}

	private void addChannelData(SwitchEvent event, String eventName) {
		String dial = originate.dial();
		String channelName = "sofia/external/" + dial;
		String[] state = switch (eventName) {
			case "CHANNEL_CREATE" -> new String[] { "CS_INIT", "DOWN", "1", "ringing" };
			case "CHANNEL_ANSWER" -> new String[] { "CS_CONSUME_MEDIA", "RINGING", "7", "answered" };
			case "CHANNEL_HANGUP" -> answered() ? new String[] { "CS_EXECUTE", "HANGUP", "4", "hangup" }
					: new String[] { "CS_CONSUME_MEDIA", "HANGUP", "7", "hangup" };
			case "CHANNEL_HANGUP_COMPLETE" -> new String[] { "CS_REPORTING", "HANGUP", "11", "hangup" };
			case "CHANNEL_DESTROY" -> new String[] { "CS_DESTROY", "HANGUP", "12", "hangup" };
			default -> hungUp() ? new String[] { "CS_HANGUP", "HANGUP", "10", "hangup" }
					: answered() ? new String[] { "CS_EXECUTE", "ACTIVE", "4", "answered" }
							: new String[] { "CS_CONSUME_MEDIA", "RINGING", "7", "early" };
		};
		event.add("Channel-State", state[0]);
		event.add("Channel-Call-State", state[1]);
		event.add("Channel-State-Number", state[2]);
		event.add("Channel-Name", channelName);
		event.add("Unique-ID", uuid());
		event.add("Call-Direction", "outbound");
		event.add("Presence-Call-Direction", "outbound");
		event.add("Channel-HIT-Dialplan", "false");
		event.add("Channel-Call-UUID", uuid());
		event.add("Answer-State", state[3]);
		if (hungUp()) {
			event.add("Hangup-Cause", cause);
		}
		event.add("Channel-Read-Codec-Name", "PCMA");
		event.add("Channel-Read-Codec-Rate", "8000");
		event.add("Channel-Read-Codec-Bit-Rate", "64000");
		event.add("Channel-Write-Codec-Name", "PCMA");
		event.add("Channel-Write-Codec-Rate", "8000");
		event.add("Channel-Write-Codec-Bit-Rate", "64000");

		String callerNumber = variableOr("origination_caller_id_number", "0000000000");
		String callerName = variableOr("origination_caller_id_name", callerNumber);
		long createdUs = SwitchEvent.micros(created);
		event.add("Caller-Direction", "outbound");
		event.add("Caller-Logical-Direction", "outbound");
		event.add("Caller-Dialplan", originate.dialplan());
		event.add("Caller-Caller-ID-Name", callerName);
		event.add("Caller-Caller-ID-Number", callerNumber);
		event.add("Caller-Orig-Caller-ID-Name", callerName);
		event.add("Caller-Orig-Caller-ID-Number", callerNumber);
		event.add("Caller-Callee-ID-Name", "Outbound Call");
		event.add("Caller-Callee-ID-Number", dial);
		event.add("Caller-Network-Addr", GATEWAY_IP);
		event.add("Caller-ANI", callerNumber);
		event.add("Caller-Destination-Number", dial);
		event.add("Caller-Unique-ID", uuid());
		event.add("Caller-Source", "src/switch_ivr_originate.c");
		event.add("Caller-Context", originate.context());
		event.add("Caller-Channel-Name", channelName);
		event.add("Caller-Profile-Index", "1");
		event.add("Caller-Profile-Created-Time", Long.toString(createdUs));
		event.add("Caller-Channel-Created-Time", Long.toString(createdUs));
		event.add("Caller-Channel-Answered-Time", Long.toString(micros(answered)));
		event.add("Caller-Channel-Progress-Time", Long.toString(progressMicros()));
		event.add("Caller-Channel-Progress-Media-Time", Long.toString(progressMicros()));
		event.add("Caller-Channel-Hangup-Time", Long.toString(micros(hungUp)));
		event.add("Caller-Channel-Transfer-Time", "0");
		event.add("Caller-Channel-Resurrect-Time", "0");
		event.add("Caller-Channel-Bridged-Time", "0");
		event.add("Caller-Channel-Last-Hold", "0");
		event.add("Caller-Channel-Hold-Accum", "0");
		event.add("Caller-Screen-Bit", "true");
		event.add("Caller-Privacy-Hide-Name", "false");
		event.add("Caller-Privacy-Hide-Number", "false");

		addVariables(event, dial, channelName, callerName, callerNumber);
	}

	private void addVariables(SwitchEvent event, String dial, String channelName, String callerName, String callerNumber) {
		String gateway = originate.gateway() == null ? "" : originate.gateway();
		String callId = uuid().replace("-", "").substring(0, 24) + "@" + LOCAL_IP;
		int localPort = 16384 + (sessionId * 2 % 16000);
		variable(event, "direction", "outbound");
		variable(event, "is_outbound", "true");
		variable(event, "uuid", uuid());
		variable(event, "session_id", Integer.toString(sessionId));
		variable(event, "sip_gateway_name", gateway);
		variable(event, "sip_profile_name", "gateway");
		variable(event, "video_media_flow", "disabled");
		variable(event, "text_media_flow", "disabled");
		variable(event, "channel_name", channelName);
		variable(event, "sip_destination_url", "sip:" + dial + "@" + GATEWAY_IP + ":5060");
		variable(event, "max_forwards", "70");
		for (Map.Entry<String, String> v : originate.variables().entrySet()) {
			if (!v.getKey().equals("origination_uuid") && !setLater.containsKey(v.getKey()) && !unset.contains(v.getKey())) {
				variable(event, v.getKey(), v.getValue());
			}
		}
		setLater.forEach((name, value) -> variable(event, name, value));
		variable(event, "originator_codec", "PCMA,PCMU");
		variable(event, "sip_local_network_addr", LOCAL_IP);
		variable(event, "sip_req_uri", dial + "@" + GATEWAY_IP + ":5060");
		variable(event, "sofia_profile_name", "external");
		variable(event, "recovery_profile_name", "external");
		variable(event, "sip_invite_domain", GATEWAY_IP);
		variable(event, "sip_call_id", callId);
		variable(event, "sip_outgoing_contact_uri", "<sip:gw+" + gateway + "@" + LOCAL_IP + ":5080;transport=udp;gw=" + gateway + ">");
		variable(event, "sip_from_user", callerNumber);
		variable(event, "sip_from_uri", callerNumber + "@" + GATEWAY_IP);
		variable(event, "sip_from_host", GATEWAY_IP);
		variable(event, "sip_from_tag", "Q" + sessionId + "gB7mK2eN1vH");
		variable(event, "sip_to_user", dial);
		variable(event, "sip_to_uri", dial + "@" + GATEWAY_IP);
		variable(event, "sip_to_host", GATEWAY_IP);
		variable(event, "audio_media_flow", "sendrecv");
		String localSdp = "v=0\r\no=FreeSWITCH 1732490000 1732490001 IN IP4 " + LOCAL_IP + "\r\ns=FreeSWITCH\r\nc=IN IP4 "
				+ LOCAL_IP + "\r\nt=0 0\r\nm=audio " + localPort + " RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\n"
				+ "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";
		variable(event, "rtp_local_sdp_str", localSdp);
		variable(event, "sip_to_tag", "as" + Integer.toHexString(0x2f1c0000 + sessionId));
		variable(event, "sip_contact_user", dial);
		variable(event, "sip_contact_port", "5060");
		variable(event, "sip_contact_uri", dial + "@" + GATEWAY_IP + ":5060");
		variable(event, "sip_contact_host", GATEWAY_IP);
		variable(event, "sip_user_agent", "Carrier SBC 4.2");
		variable(event, "sip_allow", "INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO, PRACK");
		String remoteSdp = "v=0\r\no=SBC 20112 20113 IN IP4 " + GATEWAY_IP + "\r\ns=SBC Call\r\nc=IN IP4 " + GATEWAY_IP
				+ "\r\nt=0 0\r\nm=audio 31000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
				+ "a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";
		variable(event, "rtp_remote_sdp_str", remoteSdp);
		variable(event, "rtp_audio_recv_pt", "8");
		variable(event, "rtp_use_codec_name", "PCMA");
		variable(event, "rtp_use_codec_rate", "8000");
		variable(event, "rtp_use_codec_ptime", "20");
		variable(event, "rtp_use_codec_channels", "1");
		variable(event, "rtp_last_audio_codec_string", "PCMA@8000h@20i@1c");
		variable(event, "read_codec", "PCMA");
		variable(event, "read_rate", "8000");
		variable(event, "write_codec", "PCMA");
		variable(event, "write_rate", "8000");
		variable(event, "local_media_ip", LOCAL_IP);
		variable(event, "local_media_port", Integer.toString(localPort));
		variable(event, "remote_media_ip", GATEWAY_IP);
		variable(event, "remote_media_port", "31000");
		variable(event, "rtp_use_pt", "8");
		variable(event, "rtp_use_ssrc", Long.toString(0x9a3b0000L + sessionId));
		variable(event, "remote_audio_media_flow", "sendrecv");
		variable(event, "endpoint_disposition", answered() ? "ANSWER" : "EARLY MEDIA");
		if (answered()) {
			variable(event, "current_application", "park");
		}
		for (Map.Entry<String, String> v : extra.entrySet()) {
			variable(event, v.getKey(), v.getValue());
		}
		if (hungUp()) {
			addHangupVariables(event, callerName, callerNumber);
		}
	}

	/** What {@code switch_channel_set_timestamps} and sofia set when a channel ends: cause, SIP status, times and RTP figures. */
	private void addHangupVariables(SwitchEvent event, String callerName, String callerNumber) {
		int sip = sipStatus();
		variable(event, "sip_hangup_phrase", phrase(sip));
		variable(event, "last_bridge_role", "");
		variable(event, "sip_term_status", Integer.toString(sip));
		variable(event, "sip_term_cause", Integer.toString(Cause.q850(cause)));
		variable(event, "proto_specific_hangup_cause", "sip:" + sip);
		variable(event, "sip_hangup_disposition", disposition());
		variable(event, "hangup_cause", cause);
		variable(event, "hangup_cause_q850", Integer.toString(Cause.q850(cause)));
		variable(event, "digits_dialed", "none");
		long createdUs = SwitchEvent.micros(created);
		long answeredUs = micros(answered);
		long progressUs = progressMicros();
		long endUs = micros(hungUp);
		variable(event, "start_stamp", stamp(created));
		variable(event, "profile_start_stamp", stamp(created));
		if (answered()) {
			variable(event, "answer_stamp", stamp(answered));
		}
		variable(event, "progress_stamp", stamp(Instant.ofEpochSecond(0, progressUs * 1000)));
		variable(event, "end_stamp", stamp(hungUp));
		variable(event, "start_epoch", Long.toString(createdUs / 1_000_000));
		variable(event, "start_uepoch", Long.toString(createdUs));
		variable(event, "profile_start_epoch", Long.toString(createdUs / 1_000_000));
		variable(event, "profile_start_uepoch", Long.toString(createdUs));
		variable(event, "answer_epoch", Long.toString(answeredUs / 1_000_000));
		variable(event, "answer_uepoch", Long.toString(answeredUs));
		variable(event, "bridge_epoch", "0");
		variable(event, "bridge_uepoch", "0");
		variable(event, "last_hold_epoch", "0");
		variable(event, "hold_accum_seconds", "0");
		variable(event, "hold_accum_usec", "0");
		variable(event, "hold_accum_ms", "0");
		variable(event, "resurrect_epoch", "0");
		variable(event, "progress_epoch", Long.toString(progressUs / 1_000_000));
		variable(event, "progress_uepoch", Long.toString(progressUs));
		variable(event, "end_epoch", Long.toString(endUs / 1_000_000));
		variable(event, "end_uepoch", Long.toString(endUs));
		variable(event, "last_app", answered() ? "park" : "");
		variable(event, "caller_id", "\"" + callerName + "\" <" + callerNumber + ">");
		long durationUs = endUs - createdUs;
		long billUs = answered() ? endUs - answeredUs : 0;
		long progressSpanUs = progressUs - createdUs;
		long answerSpanUs = answered() ? answeredUs - createdUs : 0;
		long waitUs = answered() ? answeredUs - createdUs : 0;
		// Whole seconds from the milliseconds, so billsec == billmsec / 1000 in tests (FreeSWITCH
		// subtracts truncated epoch seconds, so a real billsec can be one higher).
		variable(event, "duration", Long.toString(durationUs / 1_000_000));
		variable(event, "billsec", Long.toString(billUs / 1_000 / 1_000));
		variable(event, "progresssec", Long.toString(progressSpanUs / 1_000_000));
		variable(event, "answersec", Long.toString(answerSpanUs / 1_000_000));
		variable(event, "waitsec", Long.toString(waitUs / 1_000_000));
		variable(event, "mduration", Long.toString(durationUs / 1_000));
		variable(event, "billmsec", Long.toString(billUs / 1_000));
		variable(event, "progressmsec", Long.toString(progressSpanUs / 1_000));
		variable(event, "answermsec", Long.toString(answerSpanUs / 1_000));
		variable(event, "waitmsec", Long.toString(waitUs / 1_000));
		long mediaPackets = Math.max(0, (endUs - progressUs) / 20_000);
		long talkPackets = billUs / 20_000;
		String[] directions = { "in", "out" };
		for (String direction : directions) {
			String prefix = "rtp_audio_" + direction + "_";
			variable(event, prefix + "raw_bytes", Long.toString(mediaPackets * 172));
			variable(event, prefix + "media_bytes", Long.toString(mediaPackets * 160));
			variable(event, prefix + "packet_count", Long.toString(mediaPackets));
			variable(event, prefix + "media_packet_count", Long.toString(mediaPackets));
			variable(event, prefix + "skip_packet_count", direction.equals("in") ? "3" : "0");
			if (direction.equals("in")) {
				variable(event, prefix + "jitter_packet_count", "0");
			}
			variable(event, prefix + "dtmf_packet_count", "0");
			variable(event, prefix + "cng_packet_count", "0");
			if (direction.equals("in")) {
				variable(event, prefix + "flush_packet_count", "0");
				variable(event, prefix + "largest_jb_size", "0");
				variable(event, prefix + "mean_interval", "20.00");
				variable(event, prefix + "flaw_total", "0");
				variable(event, prefix + "quality_percentage", "100.00");
				variable(event, prefix + "mos", "4.50");
			}
		}
		variable(event, "rtp_audio_rtcp_packet_count", Long.toString(mediaPackets / 250));
		variable(event, "rtp_audio_rtcp_octet_count", Long.toString(mediaPackets / 250 * 56));
	}

	private int sipStatus() {
		if (answered()) {
			return 200;
		}
		if (endedByUs) {
			return 487; // we sent CANCEL; the far end answers 487 Request Terminated
		}
		return Cause.sipStatus(cause);
	}

	private String disposition() {
		if (answered()) {
			return endedByUs ? "send_bye" : "recv_bye";
		}
		return endedByUs ? "send_cancel" : "recv_refuse";
	}

	private static String phrase(int sip) {
		return switch (sip) {
			case 200 -> "OK";
			case 404 -> "Not Found";
			case 408 -> "Request Timeout";
			case 480 -> "Temporarily Unavailable";
			case 484 -> "Address Incomplete";
			case 486 -> "Busy Here";
			case 487 -> "Request Terminated";
			case 488 -> "Not Acceptable Here";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 603 -> "Decline";
			default -> "Server Internal Error";
		};
	}

	private String variableOr(String name, String otherwise) {
		String value = variable(name);
		return value == null || value.isEmpty() ? otherwise : value;
	}

	/** Early media (183) 10 ms after the INVITE, or at once if the call ended or was answered sooner. */
	private long progressMicros() {
		long progress = SwitchEvent.micros(created) + 10_000;
		if (answered != null) {
			progress = Math.min(progress, SwitchEvent.micros(answered));
		}
		if (hungUp != null) {
			progress = Math.min(progress, SwitchEvent.micros(hungUp));
		}
		return progress;
	}

	private static long micros(Instant at) {
		return at == null ? 0 : SwitchEvent.micros(at);
	}

	private static String stamp(Instant at) {
		return STAMP.format(at.atZone(ZoneId.systemDefault()));
	}

	private static void variable(SwitchEvent event, String name, String value) {
		event.add("variable_" + name, value);
	}

	/**
	 * FreeSWITCH's hangup causes with their codes ({@code switch_call_cause_t}) and the SIP status a
	 * refusal with that cause comes back as (the reverse of sofia's table), for the
	 * {@code hangup_cause_q850} and {@code sip_term_status} a real channel reports.
	 */
	enum Cause {

		UNALLOCATED_NUMBER(1, 404), NO_ROUTE_DESTINATION(3, 404), NORMAL_CLEARING(16, 200), USER_BUSY(17, 486),
		NO_USER_RESPONSE(18, 480), NO_ANSWER(19, 480), SUBSCRIBER_ABSENT(20, 480), CALL_REJECTED(21, 603),
		NUMBER_CHANGED(22, 410), DESTINATION_OUT_OF_ORDER(27, 502), INVALID_NUMBER_FORMAT(28, 484),
		NORMAL_UNSPECIFIED(31, 500), NORMAL_CIRCUIT_CONGESTION(34, 503), NETWORK_OUT_OF_ORDER(38, 502),
		NORMAL_TEMPORARY_FAILURE(41, 503), SWITCH_CONGESTION(42, 503), REQUESTED_CHAN_UNAVAIL(44, 503),
		SERVICE_UNAVAILABLE(63, 503), INCOMPATIBLE_DESTINATION(88, 488), RECOVERY_ON_TIMER_EXPIRE(102, 408),
		INTERWORKING(127, 500), ORIGINATOR_CANCEL(487, 487), SYSTEM_SHUTDOWN(701, 503), LOSE_RACE(702, 487),
		MANAGER_REQUEST(703, 487), ALLOTTED_TIMEOUT(802, 487), MEDIA_TIMEOUT(804, 200), PROGRESS_TIMEOUT(807, 487),
		INVALID_GATEWAY(808, 503), GATEWAY_DOWN(809, 503), BUSY_EVERYWHERE(815, 600), DECLINE(816, 603),
		DOES_NOT_EXIST_ANYWHERE(817, 604), UNWANTED(819, 607);

		private final int code;

		private final int sip;

		Cause(int code, int sip) {
			this.code = code;
			this.sip = sip;
		}

		/** The cause a name or code stands for, as {@code switch_channel_str2cause} reads it; null if none. */
		static Cause of(String nameOrCode) {
			if (nameOrCode == null || nameOrCode.isBlank()) {
				return null;
			}
			String text = nameOrCode.trim();
			for (Cause cause : values()) {
				if (cause.name().equalsIgnoreCase(text) || Integer.toString(cause.code).equals(text)) {
					return cause;
				}
			}
			return null;
		}

		/** {@code switch_channel_cause_q850}: the code if it is a Q.850 one (up to 127), else 16. */
		static int q850(String name) {
			Cause cause = of(name);
			if (cause == null) {
				return NORMAL_UNSPECIFIED.code;
			}
			return cause.code <= INTERWORKING.code ? cause.code : NORMAL_CLEARING.code;
		}

		static int sipStatus(String name) {
			Cause cause = of(name);
			return cause == null ? 500 : cause.sip;
		}

	}

}
