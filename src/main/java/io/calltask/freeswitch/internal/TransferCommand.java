package io.calltask.freeswitch.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.calltask.dialer.spi.CallGateway.SeatRing;
import io.calltask.dialer.spi.OriginateRequest;

/**
 * The commands that move an answered customer for a transfer to a seat (转人工), each one
 * {@code uuid_transfer <customer> '<inline dialplan>' inline}, so that the switch itself carries out
 * what follows even if the dialer is gone:
 * <ul>
 * <li>{@link #ring}: {@code set:hangup_after_bridge=true}, {@code set:continue_on_fail=true},
 * {@code set:transfer_ringback=<hold audio>} (what an answered caller hears while a bridge rings),
 * {@code unset:calltask_transfer}, {@code set:calltask_ring=<seat leg>}, then
 * {@code bridge:{origination_uuid=<seat leg>,originate_timeout=<ring timeout>,ignore_early_media=true,
 * origination_caller_id_number=<phone>,origination_caller_id_name=<phone>,calltask_call_id=…,
 * calltask_seat_id=…,calltask_node=…}<contact>}, then {@code set:park_timeout=60:ALLOTTED_TIMEOUT} and
 * {@code park}: the customer parks again only if the bridge failed, and that park, carrying
 * {@code calltask_ring} and the bridge's {@code originate_disposition}, is how the gateway hears a miss
 * even when no seat channel was ever made (the gateway then puts the customer on hold at once; the
 * timeout hangs up a customer no dialer came back for);</li>
 * <li>{@link #hold}: {@code endless_playback:<hold audio>} ({@code silence_stream://-1} if the audio
 * cannot be sent);</li>
 * <li>{@link #toBot}: {@code set:calltask_bridge_result=busy}, then {@code transfer:<extension> <dialplan>
 * <context>}, one command so the bot never runs without the variable.</li>
 * </ul>
 * The list is split on {@code ^} ({@code m:^:}), not on commas, which hold audio such as
 * {@code tone_stream://%(1000,4000,450)} and the bridge's variable block contain. What goes in is
 * checked here: a contact or audio that could break out of the list, the quotes or the variable block,
 * or expand {@code ${…}}, is not sent.
 */
final class TransferCommand {

	/** The inline dialplan's list delimiter ({@code m:^:}); no contact or audio may hold it. */
	private static final char SPLIT = '^';

	/**
	 * A seat's dial string: an endpoint, {@code /}, then an address ({@code user/1001},
	 * {@code sofia/gateway/gw/13800000000}, {@code sofia/internal/1001@10.0.0.5:5060;transport=tcp}). No
	 * comma or {@code |} (several seats at once), no brace, bracket, quote, space, {@code $} or {@code ^}.
	 */
	private static final Pattern CONTACT = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.@:;=+%#*/-]{1,200}");

	/** A file or stream to play, commas and parentheses allowed ({@code tone_stream://%(1000,4000,450)}). */
	private static final Pattern AUDIO = Pattern.compile("[A-Za-z0-9_.@:;=+%#*/,()~&?-]{1,500}");

	/** What a seat is shown as caller id: the customer's phone, digits with an optional leading {@code +}. */
	private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{1,32}");

	/** The channel variable on the customer naming the seat leg being rung; the park after a failed bridge carries it. */
	static final String RING = "calltask_ring";

	/** The bot sets it (to 1) and parks to ask for a seat. */
	static final String ASK = "calltask_transfer";

	/**
	 * {@code park_timeout} of the parks the dialer makes (after a missed seat, a {@code direct_bridge}
	 * call's answer): a live dialer moves the customer on within milliseconds, so a customer still parked
	 * after a minute has no dialer left and is hung up rather than left in silence. FreeSWITCH clears
	 * the variable at the park that uses it.
	 */
	static final String UNATTENDED_PARK = "60:ALLOTTED_TIMEOUT";

	private TransferCommand() {
	}

	/**
	 * Rings {@code ring}'s seat on a new channel {@code seatLeg} and bridges it to the customer when it
	 * answers; {@link OriginateCommand.Refused} if the contact cannot be sent.
	 */
	static String ring(SeatRing ring, UUID seatLeg, String owner) {
		String contact = ring.contact();
		if (contact == null || !CONTACT.matcher(contact).matches() || contact.contains(":_:")) {
			throw new OriginateCommand.Refused("INVALID_NUMBER_FORMAT", "seat contact '" + contact + "' cannot be sent");
		}
		Map<String, String> seat = new LinkedHashMap<>();
		seat.put("origination_uuid", seatLeg.toString());
		seat.put("originate_timeout", Integer.toString(Math.max(1, ring.ringTimeoutSeconds())));
		seat.put("ignore_early_media", "true");
		String phone = ring.customerPhone();
		if (phone != null && PHONE.matcher(phone).matches()) {
			seat.put("origination_caller_id_number", phone);
			seat.put("origination_caller_id_name", phone);
		}
		seat.put("calltask_call_id", ring.callId().toString());
		seat.put("calltask_seat_id", Long.toString(ring.seatId()));
		seat.put(FreeSwitchNode.OWNER, owner);
		StringBuilder bridge = new StringBuilder("bridge:{");
		seat.forEach((name, value) -> bridge.append(name).append('=').append(value).append(','));
		bridge.setCharAt(bridge.length() - 1, '}');
		bridge.append(contact);

		String audio = audio(ring.holdAudio());
		return inline(ring.callId(), "set:hangup_after_bridge=true", "set:continue_on_fail=true",
				audio == null ? "unset:transfer_ringback" : "set:transfer_ringback=" + audio, "unset:" + ASK,
				"set:" + RING + "=" + seatLeg, bridge.toString(), "set:park_timeout=" + UNATTENDED_PARK, "park");
	}

	/** The customer waits hearing {@code holdAudio} (silence if it cannot be sent). */
	static String hold(UUID customer, String holdAudio) {
		String audio = audio(holdAudio);
		return inline(customer, "unset:" + ASK, "endless_playback:" + (audio == null ? "silence_stream://-1" : audio));
	}

	/** Back to the bot with {@code calltask_bridge_result=busy}; {@link OriginateCommand.Refused} if {@code to} cannot be sent. */
	static String toBot(UUID customer, OriginateRequest.Destination to) {
		return inline(customer, "unset:" + ASK, "set:calltask_bridge_result=busy",
				"transfer:" + OriginateCommand.dialplanTarget(to));
	}

	/** Hold audio as it can be sent, or null (absent, or it could break the command). */
	static String audio(String holdAudio) {
		return holdAudio != null && AUDIO.matcher(holdAudio).matches() && !holdAudio.contains(":_:") ? holdAudio : null;
	}

	private static String inline(UUID customer, String... applications) {
		StringBuilder line = new StringBuilder(300).append("uuid_transfer ").append(customer).append(" 'm:").append(SPLIT)
			.append(':');
		for (int i = 0; i < applications.length; i++) {
			if (i > 0) {
				line.append(SPLIT);
			}
			line.append(applications[i]);
		}
		return line.append("' inline").toString();
	}

}
