package io.calltask.dialer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.calltask.dialer.callrecord.Bridge;
import io.calltask.dialer.engine.AttemptBatch.CallRef;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.schedule.RemoteSchedule;
import io.calltask.schedule.WeeklySchedule;
import io.calltask.seat.BridgeGroup;
import io.calltask.seat.GroupStrategy;
import io.calltask.seat.Seat;
import io.calltask.seat.SeatBoardStore.SeatChange;
import io.calltask.seat.SeatCallState;
import io.calltask.seat.SeatStatus;
import io.calltask.task.TaskRuntime.DialTask;
import io.calltask.task.TaskRuntime.Notify;
import io.calltask.task.TaskRuntime.Originate;
import io.calltask.task.TaskRuntime.Pacing;
import io.calltask.task.TaskRuntime.State;
import io.calltask.task.TaskRuntime.Transfer;
import io.calltask.task.TaskRuntime.Window;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The seats and a call's way to one, without threads or a database: what the engine asks of the gateway. */
class TransfersTests {

	private static final UUID USER = UUID.randomUUID();

	private final Instant start = Instant.parse("2026-12-07T02:00:00Z");

	private Instant now = start;

	private final List<Object> commands = new ArrayList<>();

	private final CallGateway gateway = new CallGateway() {

		@Override
		public void start(String dialerNode, List<OpenCall> open, CallEvents events) {
		}

		@Override
		public void adopt(OpenCall call) {
		}

		@Override
		public void originate(OriginateRequest call) {
		}

		@Override
		public void cancel(UUID callId) {
			commands.add("cancel " + callId);
		}

		@Override
		public void ringSeat(SeatRing ring) {
			commands.add(ring);
		}

		@Override
		public void hold(UUID callId, String holdAudio) {
			commands.add("hold " + callId + " " + holdAudio);
		}

		@Override
		public void backToBot(UUID callId, OriginateRequest.Destination destination) {
			commands.add("bot " + callId + " " + destination.extension());
		}

	};

	private final SeatBoard board = new SeatBoard(new Random(7));

	/** What pacing by seats heard, in order. */
	private final List<String> paced = new ArrayList<>();

	private final Transfers transfers = new Transfers(gateway, board,
			new DialerEngine.Settings(null, new TransferSettings("tone_stream://hold", Duration.ofSeconds(30)),
					new PacingSettings(Duration.ofSeconds(2))),
			new DialerMetrics(new SimpleMeterRegistry()), commands::add, new TransferObserver() {

				@Override
				public void asked(long taskId, Instant at, Duration sincePlaced) {
					paced.add("asked");
				}

				@Override
				public void bridged(long taskId, Instant at, Duration wait) {
					paced.add("bridged " + wait.toMillis());
				}

				@Override
				public void abandoned(long taskId, Instant at) {
					paced.add("abandoned");
				}

				@Override
				public void handled(long seatId, Instant at, Duration handling) {
					paced.add("handled " + seatId + " " + handling.toSeconds());
				}

			});

	private final List<SeatChange> written = new ArrayList<>();

	@Test
	void aCallRingsTheSeatFreeLongestAndIsBridgedOnItsAnswer() {
		load(List.of(seat(1, SeatStatus.IDLE, 60), seat(2, SeatStatus.IDLE, 120), seat(3, SeatStatus.BREAK, 300)),
				group(List.of(1L, 2L, 3L), GroupStrategy.LONGEST_IDLE));
		CallInProgress c = answeredCall();
		transfers.asked(c, task(false, 0), now, now);
		CallGateway.SeatRing ring = lastRing();
		assertThat(ring.seatId()).isEqualTo(2);
		assertThat(ring.customerPhone()).isEqualTo("13800000001");
		assertThat(ring.holdAudio()).isEqualTo("tone_stream://hold");
		assertThat(transfers.request(c.ref.callId(), now)).as("already under way").isFalse();
		later(3);
		transfers.seatAnswered(new CallEvent.SeatAnswered(c.ref.callId(), 2, now));
		assertThat(board.seat(2).state).isEqualTo(SeatCallState.TALKING);
		later(40);
		transfers.seatHungUp(new CallEvent.SeatHungUp(c.ref.callId(), 2, now));
		assertThat(board.seat(2).state).isEqualTo(SeatCallState.WRAP_UP);
		Bridge b = transfers.ended(c.ref.callId(), now);
		assertThat(b).isEqualTo(new Bridge(Bridge.Result.BRIDGED, 2L, "seat2", 3000L, 40, start.plusSeconds(3)));
		later(10); // wrap_up_seconds 10
		transfers.tick(now);
		assertThat(board.seat(2).state).isEqualTo(SeatCallState.FREE);
		drain();
		assertThat(written).extracting(SeatChange::callState)
			.containsExactly(SeatCallState.RINGING, SeatCallState.TALKING, SeatCallState.WRAP_UP, SeatCallState.FREE);
		assertThat(written.get(2).bridgedSeconds()).isEqualTo(40);
		assertThat(paced).as("3 s to a seat is past the 2 s of abandon-seconds; the seat free after 53 s")
			.containsExactly("asked", "abandoned", "handled 2 53");
	}

	@Test
	void aCallBridgedWithinTheAbandonSecondsCountsAsBridgedForPacing() {
		load(List.of(seat(1, SeatStatus.IDLE, 60)), group(List.of(1L), GroupStrategy.LONGEST_IDLE));
		CallInProgress c = answeredCall();
		transfers.asked(c, task(false, 0), now, now);
		later(1);
		transfers.seatAnswered(new CallEvent.SeatAnswered(c.ref.callId(), 1, now));
		later(3);
		transfers.tick(now);
		assertThat(paced).containsExactly("asked", "bridged 1000");
	}

	@Test
	void theTimeBridgedIsTheSwitchsCountWhenTheGatewayHasOne() {
		load(List.of(seat(1, SeatStatus.IDLE, 60)), group(List.of(1L), GroupStrategy.TOP_DOWN));
		CallInProgress c = answeredCall();
		transfers.asked(c, task(false, 0), now, now);
		transfers.seatAnswered(new CallEvent.SeatAnswered(c.ref.callId(), 1, now));
		// its answer read a little late: 3.99 s between the events, 4 s on the switch
		now = now.plusMillis(3990);
		transfers.seatHungUp(new CallEvent.SeatHungUp(c.ref.callId(), 1, now, 4000));
		assertThat(transfers.ended(c.ref.callId(), now).billsec()).isEqualTo(4);
		drain();
		assertThat(written.get(written.size() - 1).bridgedSeconds()).isEqualTo(4);
	}

	@Test
	void aMissTriesTheNextSeatAndMaxNoAnswerMissesPutASeatOnBreak() {
		load(List.of(seat(1, SeatStatus.IDLE, 60), seat(2, SeatStatus.IDLE, 30)),
				group(List.of(1L, 2L), GroupStrategy.TOP_DOWN));
		for (int i = 0; i < 3; i++) { // max_no_answer 3
			CallInProgress c = answeredCall();
			transfers.asked(c, task(false, 0), now, now);
			assertThat(lastRing().seatId()).isEqualTo(1);
			later(20);
			transfers.seatMissed(new CallEvent.SeatMissed(c.ref.callId(), 1, now, "NO_ANSWER"), now);
			assertThat(lastRing().seatId()).as("the next seat rings at once").isEqualTo(2);
			transfers.seatAnswered(new CallEvent.SeatAnswered(c.ref.callId(), 2, now));
			transfers.ended(c.ref.callId(), now.plusSeconds(5));
			later(20);
			transfers.tick(now);
		}
		assertThat(board.seat(1).status).isEqualTo(SeatStatus.BREAK);
		drain();
		assertThat(written).filteredOn(SeatChange::noAnswerBreak).extracting(SeatChange::seatId).containsExactly(1L);
		CallInProgress next = answeredCall();
		transfers.asked(next, task(false, 0), now, now);
		assertThat(lastRing().seatId()).as("a seat on break gets no call").isEqualTo(2);
	}

	@Test
	void withNoSeatFreeEchoSendsTheCallBackToTheBot() {
		load(List.of(seat(1, SeatStatus.OFFLINE, 60)), group(List.of(1L), GroupStrategy.LONGEST_IDLE));
		CallInProgress c = answeredCall();
		transfers.asked(c, task(true, 0), now, now);
		assertThat(commands).containsExactly("bot " + c.ref.callId() + " 800");
		later(2);
		assertThat(transfers.ended(c.ref.callId(), now).result()).isEqualTo(Bridge.Result.FALLBACK_BOT);
	}

	@Test
	void withoutEchoACustomerWaitsForTheNextFreeSeatFirstComeFirstServedThenIsLetGo() {
		load(List.of(seat(1, SeatStatus.IDLE, 60)), group(List.of(1L), GroupStrategy.LONGEST_IDLE)); // max wait 30 s
		CallInProgress first = answeredCall();
		transfers.asked(first, task(false, 0), now, now);
		transfers.seatAnswered(new CallEvent.SeatAnswered(first.ref.callId(), 1, now));
		CallInProgress second = answeredCall();
		CallInProgress third = answeredCall();
		transfers.asked(second, task(false, 0), now, now);
		later(1);
		transfers.asked(third, task(false, 0), now, now);
		assertThat(commands).contains("hold " + second.ref.callId() + " tone_stream://hold");
		assertThat(transfers.waitingIfChanged()).containsEntry(9L, 2);
		later(4);
		transfers.seatHungUp(new CallEvent.SeatHungUp(first.ref.callId(), 1, now));
		transfers.ended(first.ref.callId(), now);
		later(10); // the seat's wrap-up
		transfers.tick(now);
		assertThat(lastRing().callId()).as("the first to wait").isEqualTo(second.ref.callId());
		later(16); // the third has waited 30 s
		transfers.tick(now);
		assertThat(commands).contains("cancel " + third.ref.callId());
		Bridge let = transfers.ended(third.ref.callId(), now);
		assertThat(let.result()).isEqualTo(Bridge.Result.ABANDONED);
		assertThat(let.waitMs()).isEqualTo(30_000L);
		assertThat(let.seatId()).isNull();
	}

	@Test
	void bridgeMaximumcallCapsTheTasksCallsWithASeat() {
		load(List.of(seat(1, SeatStatus.IDLE, 60), seat(2, SeatStatus.IDLE, 60)),
				group(List.of(1L, 2L), GroupStrategy.LONGEST_IDLE));
		DialTask capped = task(true, 1);
		CallInProgress first = answeredCall();
		CallInProgress second = answeredCall();
		transfers.asked(first, capped, now, now);
		transfers.asked(second, capped, now, now);
		assertThat(commands).hasSize(2).last().isEqualTo("bot " + second.ref.callId() + " 800");
	}

	@Test
	void aNewTermFreesWhatADeadLeaderReservedAndKeepsTheSeatsOfTheCallsItAdopts() {
		UUID adopted = UUID.randomUUID();
		Seat talking = new Seat(1, USER, "seat1", "user/1001", 10, 3, SeatStatus.IDLE, SeatCallState.TALKING,
				start.minusSeconds(5), adopted, 0);
		Seat ringingForAGoneCall = new Seat(2, USER, "seat2", "user/1002", 10, 3, SeatStatus.IDLE,
				SeatCallState.RINGING, start.minusSeconds(5), UUID.randomUUID(), 0);
		CallInProgress open = CallInProgress.adopted(new CallRef(adopted, 5, USER, 1, UUID.randomUUID()), 1,
				start.minusSeconds(30), "13800000009", start.minusSeconds(20));
		board.load(new SeatBoard.Read(List.of(talking, ringingForAGoneCall), List.of(group(List.of(1L, 2L),
				GroupStrategy.LONGEST_IDLE)), Map.of()), Set.of(adopted), now);
		transfers.adoptSeats(Map.of(adopted, open), now);
		assertThat(board.seat(2).state).isEqualTo(SeatCallState.FREE);
		assertThat(board.seat(1).state).isEqualTo(SeatCallState.TALKING);
		later(60);
		Bridge b = transfers.ended(adopted, now);
		assertThat(b.result()).isEqualTo(Bridge.Result.BRIDGED);
		assertThat(board.seat(1).state).isEqualTo(SeatCallState.WRAP_UP);
	}

	@Test
	void noSeatEverHasTwoCustomers() {
		Random r = new Random(42);
		List<Seat> seats = new ArrayList<>();
		List<Long> ids = new ArrayList<>();
		for (long i = 1; i <= 5; i++) {
			seats.add(seat(i, SeatStatus.IDLE, 60));
			ids.add(i);
		}
		load(seats, group(ids, GroupStrategy.RANDOM));
		List<CallInProgress> up = new ArrayList<>();
		for (int step = 0; step < 5000; step++) {
			later(1);
			int what = r.nextInt(5);
			if (what == 0 || up.isEmpty()) {
				CallInProgress c = answeredCall();
				up.add(c);
				transfers.asked(c, task(r.nextBoolean(), 0), now, now);
			}
			else {
				CallInProgress c = up.get(r.nextInt(up.size()));
				UUID id = c.ref.callId();
				Long seat = ringing(id);
				if (what == 1 && seat != null) {
					transfers.seatAnswered(new CallEvent.SeatAnswered(id, seat, now));
				}
				else if (what == 2 && seat != null) {
					transfers.seatMissed(new CallEvent.SeatMissed(id, seat, now, "USER_BUSY"), now);
				}
				else if (what == 3) {
					transfers.ended(id, now);
					up.remove(c);
				}
				else {
					transfers.tick(now);
				}
			}
			Map<Long, UUID> holders = new HashMap<>();
			for (long id : ids) {
				SeatBoard.BoardSeat s = board.seat(id);
				if (s.callId != null) {
					assertThat(holders.put(id, s.callId)).isNull();
				}
			}
			assertThat(new java.util.HashSet<>(holders.values())).as("one seat per customer, one customer per seat")
				.hasSize(holders.size());
		}
	}

	/** The seat last rung for {@code callId} if it is still that call's, else null. */
	private Long ringing(UUID callId) {
		for (long id = 1; id <= 5; id++) {
			SeatBoard.BoardSeat s = board.seat(id);
			if (callId.equals(s.callId) && s.state == SeatCallState.RINGING) {
				return id;
			}
		}
		return null;
	}

	private CallGateway.SeatRing lastRing() {
		for (int i = commands.size() - 1; i >= 0; i--) {
			if (commands.get(i) instanceof CallGateway.SeatRing ring) {
				return ring;
			}
		}
		throw new AssertionError("no seat rung: " + commands);
	}

	private void later(int seconds) {
		now = now.plusSeconds(seconds);
	}

	private void drain() {
		written.addAll(board.drainChanges());
	}

	private void load(List<Seat> seats, BridgeGroup group) {
		board.load(new SeatBoard.Read(seats, List.of(group), Map.of()), Set.of(), now);
		transfers.adoptSeats(Map.of(), now);
		drain();
		written.clear();
	}

	private Seat seat(long id, SeatStatus status, int freeForSeconds) {
		return new Seat(id, USER, "seat" + id, "user/100" + id, 10, 3, status, SeatCallState.FREE,
				start.minusSeconds(freeForSeconds), null, 0);
	}

	private static BridgeGroup group(List<Long> seats, GroupStrategy strategy) {
		return new BridgeGroup(9, USER, "sales", seats, strategy, 20, 30);
	}

	private int calls;

	private CallInProgress answeredCall() {
		calls++;
		CallInProgress c = CallInProgress.paced(new CallRef(UUID.randomUUID(), 5, USER, calls, UUID.randomUUID()), 1,
				now.minusSeconds(10), String.format("138%08d", calls));
		c.answeredAt = now.minusSeconds(5);
		return c;
	}

	private static DialTask task(boolean echo, int bridgeMaximumcall) {
		return new DialTask(5, UUID.randomUUID(), USER, "task", new State(true, false, 1, true, false, 0, null),
				new Pacing(10, 10, List.of(), 1, null, 0),
				new Window(RemoteSchedule.of(WeeklySchedule.allDay()), null, null, List.of()),
				new Originate(Map.of(), 30, "", "", "800", "XML", "default"), Notify.NONE,
				new Transfer(9L, false, echo, bridgeMaximumcall, false, null));
	}

}
