package io.calltask.task;

/**
 * How a task's numbers move between open ({@code number_count}: pending, claimed, calling) and
 * finished as {@code called}, {@code failed} or {@code filtered}; each a delta. Kept beside
 * {@code number_count} so that the number list's total per status is read, not counted.
 */
public record NumberMoves(long open, long called, long failed, long filtered) {

	public static NumberMoves opened(long n) {
		return new NumberMoves(n, 0, 0, 0);
	}

	/** {@code n} open numbers filtered (a blacklist add); negative for filtered ones opened again. */
	public static NumberMoves filteredFromOpen(long n) {
		return new NumberMoves(-n, 0, 0, n);
	}

	public boolean isEmpty() {
		return open == 0 && called == 0 && failed == 0 && filtered == 0;
	}

}
