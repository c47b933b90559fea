package io.calltask.task;

/**
 * A task's numbers by state, as {@link NumberMoves} keeps them: {@code open} (pending, claimed and
 * calling: {@code number_count}) and the finished ones. All zero for a task with no numbers.
 */
public record NumberTotals(long open, long called, long failed, long filtered) {

	public static final NumberTotals NONE = new NumberTotals(0, 0, 0, 0);

}
