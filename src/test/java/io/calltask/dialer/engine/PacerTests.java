package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.line.Line;
import io.calltask.task.TaskRuntime.DialLine;
import io.calltask.task.TaskRuntime.DialTask;
import io.calltask.task.TaskRuntime.Notify;
import io.calltask.task.TaskRuntime.Originate;
import io.calltask.task.TaskRuntime.Pacing;
import io.calltask.task.TaskRuntime.State;
import io.calltask.task.TaskRuntime.Window;
import io.calltask.schedule.RemoteSchedule;
import io.calltask.schedule.WeeklySchedule;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pacing on its own, stepped by hand every 10 ms: the limits a carrier and a user see (calls per
 * second, calls at once, a task's share of a line) are never exceeded, and tasks sharing a line
 * share it evenly.
 */
class PacerTests {

	private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

	private final Pacer pacer = new Pacer(TaskCapacity.FIXED, CallEligibility.workHours(ZoneOffset.UTC));

	private final TrackedLines lines = new TrackedLines();

	private final Map<UUID, Line> lineRows = new LinkedHashMap<>();

	private final List<TrackedTask> tasks = new ArrayList<>();

	/** Every call handed out, in order. */
	private final List<Placed> placed = new ArrayList<>();

	/** Calls up, by when they end. */
	private final PriorityQueue<Placed> up = new PriorityQueue<>((a, b) -> a.end().compareTo(b.end()));

	/** How long calls last; null: they never end. */
	private Duration talk;

	private Instant now = T0;

	private long numberIds;

	record Placed(TrackedTask task, UUID lineId, Instant at, Instant end) {
	}

	@Test
	void aTaskNeverPlacesMoreThanItsCpsInAnySecondAndHoldsThatRate() {
		UUID line = line(100, 100);
		TrackedTask task = task(5, 100, numbers(1000), new DialLine(line, null));
		talk = Duration.ofMillis(100);
		run(Duration.ofSeconds(10));
		assertThat(mostInOneSecond(placed)).isLessThanOrEqualTo(5);
		assertThat(placed).as("5 a second for 10 s").hasSizeBetween(49, 51).allMatch(p -> p.task() == task);
	}

	@Test
	void aLinesCpsIsSharedByItsTasksAndNeverExceeded() {
		UUID line = line(10, 100);
		TrackedTask a = task(100, 100, numbers(1000), new DialLine(line, null));
		TrackedTask b = task(100, 100, numbers(1000), new DialLine(line, null));
		talk = Duration.ofMillis(500);
		run(Duration.ofSeconds(10));
		assertThat(mostInOneSecond(placed)).isLessThanOrEqualTo(10);
		assertThat(placed).hasSizeBetween(99, 101);
		assertThat(count(a)).as("each task half of it").isBetween(count(b) - 1, count(b) + 1);
	}

	@Test
	void callsAtOnceStayWithinTheTasksMaximumAndTheLinesLimit() {
		UUID line = line(1000, 10);
		TrackedTask small = task(100, 3, numbers(100), new DialLine(line, null));
		TrackedTask large = task(100, 50, numbers(100), new DialLine(line, null));
		run(Duration.ofSeconds(5)); // calls never end
		assertThat(count(small)).isEqualTo(3);
		assertThat(count(large)).as("the line's other 7").isEqualTo(7);
		assertThat(small.calls() + large.calls()).isEqualTo(lines.get(line).calls).isEqualTo(10);
	}

	@Test
	void tasksSharingALineHoldEqualPartsOfIt() {
		UUID line = line(1000, 9);
		TrackedTask a = task(100, 100, numbers(100), new DialLine(line, null));
		TrackedTask b = task(100, 100, numbers(100), new DialLine(line, null));
		TrackedTask c = task(100, 100, numbers(100), new DialLine(line, null));
		run(Duration.ofSeconds(5));
		assertThat(List.of(count(a), count(b), count(c))).containsOnly(3L);
	}

	@Test
	void withOneSlotTasksTakeTurnsTheOneWaitingLongestFirst() {
		UUID line = line(1000, 1);
		TrackedTask a = task(100, 10, numbers(100), new DialLine(line, null));
		TrackedTask b = task(100, 10, numbers(100), new DialLine(line, null));
		talk = Duration.ofMillis(200);
		run(Duration.ofSeconds(2));
		assertThat(placed).hasSizeGreaterThanOrEqualTo(8);
		for (int i = 0; i < placed.size(); i++) {
			assertThat(placed.get(i).task()).as("call " + i).isSameAs(i % 2 == 0 ? a : b);
		}
	}

	@Test
	void callsGoWhereTheMostRoomIsLeftAndATasksShareOfALineCapsItThere() {
		UUID shared = line(1000, 10);
		UUID other = line(1000, 10);
		TrackedTask task = task(100, 100, numbers(100), new DialLine(shared, 2), new DialLine(other, null));
		run(Duration.ofSeconds(2));
		assertThat(placed.subList(0, 8)).as("the other line has more room").allMatch(p -> p.lineId().equals(other));
		assertThat(placed).hasSize(12);
		assertThat(task.callsOn(shared)).isEqualTo(2);
		assertThat(task.callsOn(other)).isEqualTo(10);
	}

	@Test
	void capacityKeptForPausedTasksAndLinesOnNodesThatAreDownAreNotUsed() {
		UUID line = line(1000, 10);
		UUID down = line(1000, 10);
		lines.get(line).reserved = 6;
		lines.get(down).nodeUp = false;
		task(100, 100, numbers(100), new DialLine(line, null), new DialLine(down, null));
		run(Duration.ofSeconds(2));
		assertThat(placed).hasSize(4).allMatch(p -> p.lineId().equals(line));
	}

	@Test
	void aSlotRestsAfterACallWhenTheTaskSaysSo() {
		UUID line = line(1000, 10);
		Duration pause = Duration.ofSeconds(2);
		TrackedTask task = task(100, 1, (int) pause.toSeconds(), numbers(100), new DialLine(line, null));
		talk = Duration.ofSeconds(1);
		run(Duration.ofSeconds(10));
		assertThat(placed).hasSizeBetween(3, 4);
		for (int i = 1; i < placed.size(); i++) {
			assertThat(Duration.between(placed.get(i - 1).end(), placed.get(i).at())).isGreaterThanOrEqualTo(pause);
		}
		assertThat(task.calls() + task.resting()).isLessThanOrEqualTo(1);
	}

	@Test
	void nothingIsPlacedForATaskThatMayNotDialOrHoldsNoNumbers() {
		UUID line = line(1000, 10);
		TrackedTask closed = task(100, 10, numbers(5), new DialLine(line, null));
		closed.update(new DialTask(closed.task().id(), closed.task().uuid(), closed.task().userId(), "paused",
				new State(false, false, 5, false, false, 0, null), closed.task().pacing(), closed.task().window(),
				closed.task().originate(), closed.task().webhook()));
		assertThat(closed.open(now, ZoneOffset.UTC, lines)).isFalse();
		task(100, 10, numbers(0), new DialLine(line, null));
		run(Duration.ofSeconds(1));
		assertThat(placed).isEmpty();
		assertThat(closed.batchSize()).isEqualTo(5);
	}

	// ---------------------------------------------------------------- the bench

	/** Ticks every 10 ms: calls due to end end (their task's slot resting its call_pause_second), then pacing. */
	private void run(Duration total) {
		Instant end = now.plus(total);
		while (now.isBefore(end)) {
			while (!up.isEmpty() && !up.peek().end().isAfter(now)) {
				Placed p = up.poll();
				p.task().ended(p.lineId(), now);
				lines.free(p.lineId());
			}
			pacer.pace(tasks, lines, now, (task, line, number, at) -> {
				Placed p = new Placed(task, line.line.id(), at, talk == null ? Instant.MAX : at.plus(talk));
				placed.add(p);
				up.add(p);
			});
			now = now.plusMillis(10);
		}
	}

	private UUID line(int cps, int limit) {
		UUID id = UUID.randomUUID();
		lineRows.put(id, new Line(id, UUID.randomUUID(), "line", "gw", "fs-1", cps, limit, "02100000000", null, null));
		lines.apply(lineRows);
		lines.get(id).nodeUp = true;
		return id;
	}

	private TrackedTask task(int cps, int maximumcall, List<ClaimedNumber> numbers, DialLine... taskLines) {
		return task(cps, maximumcall, 0, numbers, taskLines);
	}

	/** An enabled task dialing at any hour, holding {@code numbers}. */
	private TrackedTask task(int cps, int maximumcall, int callPauseSecond, List<ClaimedNumber> numbers,
			DialLine... taskLines) {
		long id = tasks.size() + 1;
		TrackedTask ts = new TrackedTask(new DialTask(id, UUID.randomUUID(), UUID.randomUUID(), "task" + id,
				new State(true, false, numbers.size(), false, false, 0, null),
				new Pacing(maximumcall, cps, List.of(taskLines), 1, null, callPauseSecond),
				new Window(RemoteSchedule.of(WeeklySchedule.allDay()), null, null, List.of()),
				new Originate(Map.of(), 30, "", "", "group", "", ""), Notify.NONE));
		assertThat(ts.open(now, ZoneOffset.UTC, lines)).isTrue();
		ts.claimStarts();
		ts.claimed(numbers, numbers.size(), now);
		tasks.add(ts);
		return ts;
	}

	private List<ClaimedNumber> numbers(int n) {
		List<ClaimedNumber> numbers = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long id = ++numberIds;
			numbers.add(new ClaimedNumber(id, "138" + String.format("%08d", id), 0, null));
		}
		return numbers;
	}

	private long count(TrackedTask task) {
		return placed.stream().filter(p -> p.task() == task).count();
	}

	/** The most calls placed in any one-second window. */
	private static int mostInOneSecond(List<Placed> calls) {
		int max = 0;
		for (int i = 0; i < calls.size(); i++) {
			int j = i;
			while (j < calls.size() && calls.get(j).at().isBefore(calls.get(i).at().plusSeconds(1))) {
				j++;
			}
			max = Math.max(max, j - i);
		}
		return max;
	}

}
