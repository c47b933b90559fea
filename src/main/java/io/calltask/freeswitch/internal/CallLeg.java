package io.calltask.freeswitch.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One channel of a {@link TrackedCall} on its switch: the channel's uuid (also the {@code Job-UUID} of
 * the {@code bgapi} that made it), which leg of the call it is, and what the {@link CallReconciler}
 * knows of it. Events are routed to a call by its legs' channels ({@link TrackedCalls#leg}).
 * <p>
 * Its mutable fields are touched only on its call's thread ({@link CallThreads}).
 */
final class CallLeg {

	/** What a channel is to its call. */
	enum Role {

		/**
		 * The customer's channel, the call's "a" leg: the one the dialer originates, whose uuid is the
		 * call's id, and whose answer and hangup are the call's.
		 */
		CUSTOMER,

		/**
		 * A seat's channel, rung for the call by the switch's {@code bridge} under a uuid the gateway
		 * chose ({@link SeatTransfer}): its answer is the seat's, its hangup ends the seat's part.
		 */
		SEAT

	}

	final TrackedCall call;

	final UUID channel;

	final Role role;

	/** The node's connection its originate went out on (0 for an adopted call's: before any of this run). */
	final long sentOn;

	/** An adopted call's channel whose events come to this dialer node (its claim was answered). */
	boolean claimed;

	/** When its channel was last asked for ({@code uuid_exists}, or the claim). */
	Instant checkedAt;

	/** How many checks in a row found no channel. */
	int missing;

	CallLeg(TrackedCall call, UUID channel, Role role, long sentOn, Instant checkedAt) {
		this.call = call;
		this.channel = channel;
		this.role = role;
		this.sentOn = sentOn;
		this.checkedAt = checkedAt;
	}

	@Override
	public String toString() {
		return role + " leg " + channel + " of call " + call.id;
	}

}
