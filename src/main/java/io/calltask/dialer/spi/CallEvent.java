package io.calltask.dialer.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** What a gateway reports about a call it was asked to place. */
public sealed interface CallEvent {

	UUID callId();

	/** Hands this event to the method of {@code handler} for its kind. */
	void applyTo(Handler handler);

	/**
	 * One method per kind of event: a kind added to this interface does not compile until every
	 * handler handles it (the switch over a sealed type that Java 17 does not have yet).
	 */
	interface Handler {

		void answered(Answered event);

		void hungUp(HungUp event);

		void transferAsked(TransferAsked event);

		void seatAnswered(SeatAnswered event);

		void seatMissed(SeatMissed event);

		void seatHungUp(SeatHungUp event);

	}

	/**
	 * The customer's bot asked for a person (转人工): on FreeSWITCH it set {@code calltask_transfer=1}
	 * and parked the call. The call is up and waits for the engine's {@link CallGateway#ringSeat},
	 * {@link CallGateway#hold}, {@link CallGateway#backToBot} or {@link CallGateway#cancel}.
	 */
	record TransferAsked(UUID callId, Instant at) implements CallEvent {

		@Override
		public void applyTo(Handler handler) {
			handler.transferAsked(this);
		}

	}

	/** The seat rung by {@link CallGateway#ringSeat} answered; the gateway bridged it to the customer. */
	record SeatAnswered(UUID callId, long seatId, Instant at) implements CallEvent {

		@Override
		public void applyTo(Handler handler) {
			handler.seatAnswered(this);
		}

	}

	/**
	 * The seat rung for the call did not answer (its ring timeout passed, it was busy or unreachable:
	 * {@code cause} is the seat leg's hangup cause); the customer is up and holds again.
	 */
	record SeatMissed(UUID callId, long seatId, Instant at, String cause) implements CallEvent {

		@Override
		public void applyTo(Handler handler) {
			handler.seatMissed(this);
		}

	}

	/**
	 * The seat bridged to the call hung up (or was hung up with the customer). {@code bridgedMillis}: how
	 * long it was bridged as the switch counts it (its leg's billing), or -1 when the gateway has no such
	 * count (then it is the time from {@link SeatAnswered} to {@code at}).
	 */
	record SeatHungUp(UUID callId, long seatId, Instant at, long bridgedMillis) implements CallEvent {

		/** A seat's end whose time bridged is counted from the events' times. */
		public SeatHungUp(UUID callId, long seatId, Instant at) {
			this(callId, seatId, at, -1);
		}

		@Override
		public void applyTo(Handler handler) {
			handler.seatHungUp(this);
		}

	}

	/** The callee answered. */
	record Answered(UUID callId, Instant at) implements CallEvent {

		@Override
		public void applyTo(Handler handler) {
			handler.answered(this);
		}

	}

	/**
	 * The call ended. {@code hangupCause} is the FreeSWITCH cause name; {@code billMillis} the billed
	 * (answered) time; {@code answeredAt} null if never answered; {@code daStatus} what the
	 * announcement detector reported ({@code variable_da_status}), null if nothing. {@code intention}
	 * and {@code recordingUrl} are what the bot left on the channel ({@code calltask_intention},
	 * {@code calltask_recording_url}), held to {@link #grade} and {@link #recording}: null when absent
	 * or not valid, whatever a gateway passes. {@code optout}: the callee refused further calls, as the
	 * bot said with {@code calltask_optout=1} (API.md section 10). Built by name with {@link #unanswered}
	 * or {@link #billed}, then {@link #detected}, {@link #leaving} and {@link #optingOut} for what the
	 * detector and the bot reported.
	 */
	record HungUp(UUID callId, Instant at, String hangupCause, Instant answeredAt, long billMillis,
			String daStatus, String intention, String recordingUrl, boolean optout) implements CallEvent {

		/** The longest recording address kept (the call record's column). */
		public static final int MAX_RECORDING_URL = 1000;

		/** A hangup whose callee did not opt out. */
		public HungUp(UUID callId, Instant at, String hangupCause, Instant answeredAt, long billMillis, String daStatus,
				String intention, String recordingUrl) {
			this(callId, at, hangupCause, answeredAt, billMillis, daStatus, intention, recordingUrl, false);
		}

		public HungUp {
			intention = grade(intention);
			recordingUrl = recording(recordingUrl);
		}

		@Override
		public void applyTo(Handler handler) {
			handler.hungUp(this);
		}

		/** Ended at {@code at} with {@code hangupCause}, never answered: nothing billed, detected or left by the bot. */
		public static HungUp unanswered(UUID callId, Instant at, String hangupCause) {
			return new HungUp(callId, at, hangupCause, null, 0, null, null, null);
		}

		/**
		 * Ended at {@code at} with {@code hangupCause}, answered at {@code answeredAt} (null if never) and
		 * billed {@code billMillis}; nothing detected or left by the bot.
		 */
		public static HungUp billed(UUID callId, Instant at, String hangupCause, Instant answeredAt, long billMillis) {
			return new HungUp(callId, at, hangupCause, answeredAt, billMillis, null, null, null);
		}

		/** This hangup with the announcement detector's result. */
		public HungUp detected(String daStatus) {
			return new HungUp(callId, at, hangupCause, answeredAt, billMillis, daStatus, intention, recordingUrl, optout);
		}

		/** This hangup with what the bot left on the channel, held to {@link #grade} and {@link #recording}. */
		public HungUp leaving(String intention, String recordingUrl) {
			return new HungUp(callId, at, hangupCause, answeredAt, billMillis, daStatus, intention, recordingUrl, optout);
		}

		/** This hangup with whether the callee opted out ({@code calltask_optout=1}). */
		public HungUp optingOut(boolean optout) {
			return new HungUp(callId, at, hangupCause, answeredAt, billMillis, daStatus, intention, recordingUrl, optout);
		}

		/**
		 * Whether a channel variable says the callee opted out: {@code 1} (also {@code true} or {@code yes},
		 * case and surrounding spaces ignored, as FreeSWITCH reads its own true values).
		 */
		public static boolean optsOut(String text) {
			if (text == null) {
				return false;
			}
			String value = text.strip().toLowerCase(Locale.ROOT);
			return value.equals("1") || value.equals("true") || value.equals("yes");
		}

		/** An intention grade: one letter {@code A}..{@code F} (case and surrounding spaces ignored), else null. */
		public static String grade(String text) {
			if (text == null) {
				return null;
			}
			String grade = text.strip().toUpperCase(Locale.ROOT);
			return grade.length() == 1 && grade.charAt(0) >= 'A' && grade.charAt(0) <= 'F' ? grade : null;
		}

		/**
		 * A recording address: an absolute {@code http} or {@code https} URL with a host (authority), at most
		 * {@value #MAX_RECORDING_URL} characters (surrounding spaces ignored), else null. A longer one is
		 * dropped rather than cut: a cut address leads nowhere.
		 */
		public static String recording(String text) {
			if (text == null) {
				return null;
			}
			String url = text.strip();
			if (url.isEmpty() || url.length() > MAX_RECORDING_URL) {
				return null;
			}
			try {
				URI uri = new URI(url);
				String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
				return (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null ? url : null;
			}
			catch (URISyntaxException ex) {
				return null;
			}
		}

	}

}
