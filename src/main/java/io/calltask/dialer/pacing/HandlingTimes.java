package io.calltask.dialer.pacing;

import java.util.Arrays;

/**
 * How long seats take over a customer, as the last {@code window} handling times show it (from the seat
 * taken for the customer to free again: seat ring, talk and wrap-up): an empirical distribution, kept
 * sorted so that a question costs two binary searches. It answers the one question pacing asks of a busy
 * seat: busy for {@code t} so far, how likely is it to be free within the next {@code h}?
 * {@code P = (S(t) - S(t + h)) / S(t)}, with {@code S(x)} the share of recent handling times longer than
 * {@code x}. A seat busy longer than every recent handling time is not expected free (a long call
 * tends to go on).
 */
final class HandlingTimes {

	/** Insertion order, so that the oldest leaves first. */
	private final long[] arrival;

	private final long[] sorted;

	private int count;

	private int next;

	HandlingTimes(int window) {
		this.arrival = new long[window];
		this.sorted = new long[window];
	}

	/** A seat's handling of one customer ended after {@code millis}. */
	void add(long millis) {
		long t = Math.max(0, millis);
		if (count == arrival.length) {
			int at = Arrays.binarySearch(sorted, 0, count, arrival[next]);
			System.arraycopy(sorted, at + 1, sorted, at, count - at - 1);
			count--;
		}
		arrival[next] = t;
		next = (next + 1) % arrival.length;
		int at = firstLonger(t);
		System.arraycopy(sorted, at, sorted, at + 1, count - at);
		sorted[at] = t;
		count++;
	}

	/** Handling times kept. */
	int size() {
		return count;
	}

	/** The chance that a seat busy for {@code elapsed} ms is free within the next {@code horizon} ms. */
	double freeWithin(long elapsed, long horizon) {
		int going = count - firstLonger(elapsed);
		if (going == 0) {
			return 0;
		}
		int still = count - firstLonger(elapsed + horizon);
		return (going - still) / (double) going;
	}

	/** Index of the first kept time longer than {@code t} ({@code count} if none). */
	private int firstLonger(long t) {
		int lo = 0;
		int hi = count;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (sorted[mid] <= t) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

}
