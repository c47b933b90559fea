package io.calltask.task;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the dialer reads of tasks and writes back: the tasks it may run, and the runtime view the
 * list shows ({@code call_status}, {@code number_count}, {@code cache_number_count},
 * {@code call_info}). Writes join the caller's transaction.
 */
public interface TaskRuntime {

	/** A live task of the user, by its public id. */
	Optional<TaskRef> find(UUID userId, UUID taskId);

	/**
	 * Live tasks the dialer has to look at: enabled with numbers not finished, holding a line
	 * reservation, or showing {@code call_status} true; and paused tasks whose {@code restart_at}
	 * is due at {@code now}.
	 */
	List<DialTask> candidates(Instant now);

	/** These tasks as they are now, deleted or paused ones included (a deleted one has {@code deleted}). */
	List<DialTask> byIds(Collection<Long> taskIds);

	/**
	 * {@code number_count} (open numbers) and the finished counts move (numbers imported, finished,
	 * filtered…), in one update of the task's runtime row.
	 */
	void addNumbers(long taskId, UUID userId, NumberMoves moves);

	/** The task's open and finished numbers, in the caller's transaction. */
	NumberTotals numberTotals(long taskId);

	/** The dialer's view of tasks: whether each is dialing now, and how many numbers it holds. */
	void recordStates(Collection<RuntimeState> states);

	/** What the dialer last decided of tasks paced by their seats: the task list's {@code pacing}. */
	void recordPacing(Collection<PacingState> states);

	/** Per-line statistics move by these deltas ({@code call_status} is set, not added, unless -1). */
	void addLineStats(Collection<LineStatsDelta> deltas);

	/**
	 * The platform pauses a task (its {@code stop_time} passed, its {@code call.finished} events
	 * failed); with {@code reserveLines} it keeps its share of its lines; {@link TaskStopped} says
	 * {@code reason}. False if the task was not enabled or is gone.
	 */
	boolean pauseByDialer(long taskId, boolean reserveLines, TaskStopped.Reason reason);

	/**
	 * An enabled task under {@code end_action} 0 has no number left and no redial pending: the first
	 * time since its last numbers came, {@link TaskStopped} ({@code FINISHED}) is published. True then.
	 */
	boolean finishedOutOfNumbers(long taskId);

	/**
	 * Like {@link #pauseByDialer} (reason {@code PAUSED}, as end_action 1 and 2 pause it), but only if
	 * the task still has no numbers left when it is locked (numbers imported since the dialer looked
	 * keep it running).
	 */
	boolean pauseWhenOutOfNumbers(long taskId, boolean reserveLines);

	/** The dialer starts a paused task whose {@code restart_at} came; clears {@code restart_at}. */
	boolean restartByDialer(long taskId);

	/** A task as the API and the dialer name it: internal id, public id, owner, and the order it dials in. */
	record TaskRef(long id, UUID uuid, UUID userId, int popMode) {
	}

	/** One line of a task: {@code share} is the task's share of the line's limit, null for all of it. */
	record DialLine(UUID lineId, Integer share) {
	}

	/** A period in which the task never dials. */
	record Holiday(Instant begin, Instant end) {
	}

	/**
	 * A task as the dialer runs it, in parts: where it stands ({@link State}), how fast and on which
	 * lines it dials ({@link Pacing}), when ({@link Window}), what a call carries ({@link Originate}) and
	 * whom its webhooks tell ({@link Notify}).
	 */
	record DialTask(long id, UUID uuid, UUID userId, String name, State state, Pacing pacing, Window window,
			Originate originate, Notify webhook, Transfer transfer) {

		/** A task without transfer to seats. */
		public DialTask(long id, UUID uuid, UUID userId, String name, State state, Pacing pacing, Window window,
				Originate originate, Notify webhook) {
			this(id, uuid, userId, name, state, pacing, window, originate, webhook, Transfer.NONE);
		}

		/** This task as the dialer keeps it once it is gone from the database: disabled, deleted, nothing left. */
		public DialTask asDeleted() {
			return new DialTask(id, uuid, userId, name, state.asDeleted(), pacing, window, originate, webhook, transfer);
		}

		public boolean enable() {
			return state.enable();
		}

		public boolean deleted() {
			return state.deleted();
		}

		/** Whether the task is live (enabled, not deleted). */
		public boolean live() {
			return state.enable() && !state.deleted();
		}

		/** Paused (not deleted). */
		public boolean paused() {
			return !state.enable() && !state.deleted();
		}

	}

	/**
	 * Where a task stands: {@code numberCount} open numbers, {@code callStatus} what the list shows,
	 * {@code lineReserved} its line shares kept while paused (end_action 2), {@code restartAt} when a
	 * paused task starts again.
	 */
	record State(boolean enable, boolean deleted, long numberCount, boolean callStatus, boolean lineReserved,
			int endAction, Instant restartAt, PacingToday pacingToday) {

		public State(boolean enable, boolean deleted, long numberCount, boolean callStatus, boolean lineReserved,
				int endAction, Instant restartAt) {
			this(enable, deleted, numberCount, callStatus, lineReserved, endAction, restartAt, PacingToday.NONE);
		}

		State asDeleted() {
			return new State(false, true, 0, callStatus, false, endAction, restartAt, pacingToday);
		}

	}

	/**
	 * How a task dials: at most {@code maximumcall} calls at once and {@code cps} a second, on its
	 * lines, numbers in {@code popMode} order, redialed by its recycle rule, each slot resting
	 * {@code callPauseSecond} after a call.
	 */
	record Pacing(int maximumcall, int cps, List<DialLine> lines, int popMode, UUID recycleRuleId, int callPauseSecond) {

		public Pacing {
			lines = List.copyOf(lines);
		}

	}

	/**
	 * When a task may dial: inside its work hours, its start and stop times, off its holidays, and as its
	 * holiday calendars say ({@code calendar}: a holiday not dialed, a 调休 workday in another weekday's hours).
	 */
	record Window(io.calltask.schedule.RemoteSchedule schedule, Instant startTime, Instant stopTime,
			List<Holiday> holidays, io.calltask.schedule.CalendarDays calendar) {

		public Window {
			holidays = List.copyOf(holidays);
			calendar = calendar == null ? io.calltask.schedule.CalendarDays.NONE : calendar;
		}

		/** A window without holiday calendars. */
		public Window(io.calltask.schedule.RemoteSchedule schedule, Instant startTime, Instant stopTime,
				List<Holiday> holidays) {
			this(schedule, startTime, stopTime, holidays, null);
		}

		/** Whether {@code local} (the service's zone) is in the work hours, as the holiday calendars have them. */
		public boolean inHours(java.time.LocalDateTime local) {
			return calendar.allows(schedule, local);
		}

		/** Whether {@code now} is inside one of the task's holidays. */
		public boolean onHoliday(Instant now) {
			for (Holiday h : holidays) {
				if (!now.isBefore(h.begin()) && now.isBefore(h.end())) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * What a task's calls carry: {@code originateVariables} are the channel variables of its
	 * {@code originate_variables} block that the policy allows, name → value as meant (unquoted,
	 * unescaped), in the block's order; {@code destinationExtension} its 话术组 ("" for none).
	 */
	record Originate(Map<String, String> originateVariables, int originateTimeout, String callerIdNumber,
			String dialFormat, String destinationExtension, String destinationDialplan, String destinationContext) {

		public Originate {
			originateVariables = originateVariables == null ? Map.of()
					: Collections.unmodifiableMap(new LinkedHashMap<>(originateVariables));
		}

		/** Whether an answered call has a bot to go to. */
		public boolean hasBot() {
			return destinationExtension != null && !destinationExtension.isBlank();
		}

	}

	/** Whom a task tells of its calls: {@code type} is {@code call_notify_type}, {@code url} whether it has a URL. */
	record Notify(int type, boolean url) {

		public static final Notify NONE = new Notify(0, false);

		/** Whether a call that ended ({@code answered} or not) gets a {@code call.finished} event. */
		public boolean wants(boolean answered) {
			return url && (type == 2 || (type == 1 && !answered));
		}

	}

	/**
	 * How a task's calls go to a person (API.md section 8.2): {@code bridgeGroupId} the seat group (null:
	 * no transfer, the rest inert); {@code direct} an answered call goes to a seat at once, no bot;
	 * {@code echo} no seat free sends the call back to the bot, else it waits; {@code maximumcall} > 0
	 * caps the task's calls waiting, ringing a seat or bridged; {@code emptySeatStop} pauses the task
	 * when every seat of its group stays offline; {@code backgroundFileId} the hold audio's background
	 * (its text as stored; null for the default). How it is paced by its seats (section 9): {@code mode},
	 * {@code proportion} ({@code bridge_proportion}, lines per available seat in {@code ratio}),
	 * {@code maxDialLevel} and {@code maxAbandonRate} (percent) for {@code predictive}.
	 */
	record Transfer(Long bridgeGroupId, boolean direct, boolean echo, int maximumcall, boolean emptySeatStop,
			String backgroundFileId, DialMode mode, int proportion, double maxDialLevel, double maxAbandonRate) {

		public static final Transfer NONE = new Transfer(null, false, false, 0, false, null, DialMode.FIXED, 0, 3.0,
				3.0);

		/** A task's transfer, paced {@code fixed}. */
		public Transfer(Long bridgeGroupId, boolean direct, boolean echo, int maximumcall, boolean emptySeatStop,
				String backgroundFileId) {
			this(bridgeGroupId, direct, echo, maximumcall, emptySeatStop, backgroundFileId, DialMode.FIXED, 0, 3.0, 3.0);
		}

		/** Whether the task's calls can go to a seat. */
		public boolean enabled() {
			return bridgeGroupId != null;
		}

	}

	/** How a task's calls are paced (API.md section 9): by its limits alone, by its seats, or predicted. */
	enum DialMode {

		FIXED, RATIO, PREDICTIVE;

		/** The mode named {@code word} ({@code fixed}, {@code ratio}, {@code predictive}); fixed if none. */
		public static DialMode of(String word) {
			for (DialMode m : values()) {
				if (m.name().equalsIgnoreCase(word)) {
					return m;
				}
			}
			return FIXED;
		}

	}

	/** A task's answered and abandoned calls of {@code day} as the dialer last wrote them (null day: none). */
	record PacingToday(long answered, long abandoned, java.time.LocalDate day) {

		public static final PacingToday NONE = new PacingToday(0, 0, null);

	}

	/** The task list's {@code pacing} of one task, as the dialer decided it on {@code day}. */
	record PacingState(long taskId, double dialLevel, double seatsAvailable, long answeredToday, long abandonedToday,
			java.time.LocalDate day) {
	}

	/** The dialer's view of one task. {@code lineReserved} null keeps the stored flag. */
	record RuntimeState(long taskId, UUID userId, boolean callStatus, int cacheNumberCount, Boolean lineReserved) {
	}

	/** What happened on one line of one task since the last write. */
	record LineStatsDelta(long taskId, UUID lineId, LineCounters counters) {
	}

}
