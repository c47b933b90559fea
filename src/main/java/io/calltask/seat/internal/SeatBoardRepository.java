package io.calltask.seat.internal;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.seat.BridgeGroup;
import io.calltask.seat.GroupStrategy;
import io.calltask.seat.Seat;
import io.calltask.seat.SeatBoardStore;
import io.calltask.seat.SeatCallState;
import io.calltask.seat.SeatStatus;
import io.calltask.time.DateTimes;

/**
 * The dialer's reads of every seat and group, and its writes of call states, day counters and the
 * customers waiting per group. Writes are plain {@code UPDATE}s by primary key in id order: in
 * PostgreSQL they lock a row the way an API write of a group's seats does not wait for (no
 * {@code SELECT … FOR UPDATE}), so the dialer and the API never wait on each other in a circle.
 */
@Repository
class SeatBoardRepository implements SeatBoardStore {

	/**
	 * One change of one seat. The day's counters restart when the change falls on another day than the
	 * one they count; a bridged call adds one call and its seconds. A no-answer break applies only to a
	 * seat still signed in ({@code idle}): a seat put on break or signed out meanwhile keeps what people set.
	 */
	private static final String RECORD = "UPDATE seat SET call_state = ?, call_state_at = ?, call_id = ?, "
			+ "calls_today = CASE WHEN stats_day = ? THEN calls_today ELSE 0 END + ?, "
			+ "talk_seconds_today = CASE WHEN stats_day = ? THEN talk_seconds_today ELSE 0 END + ?, stats_day = ?, "
			+ "status_reason = CASE WHEN ? AND status = 'idle' THEN 'no_answer' ELSE status_reason END, "
			+ "status_at = CASE WHEN ? AND status = 'idle' THEN ? ELSE status_at END, "
			+ "status = CASE WHEN ? AND status = 'idle' THEN 'break' ELSE status END WHERE id = ?";

	private final JdbcTemplate jdbc;

	private final DateTimes time;

	SeatBoardRepository(JdbcTemplate jdbc, DateTimes time) {
		this.jdbc = jdbc;
		this.time = time;
	}

	@Override
	public List<Seat> seats() {
		LocalDate today = today(time.now());
		return jdbc.query("SELECT id, user_id, name, contact, wrap_up_seconds, max_no_answer, status, call_state, "
				+ "call_state_at, call_id, stats_day, calls_today FROM seat ORDER BY id", (rs, n) -> new Seat(
						rs.getLong("id"), rs.getObject("user_id", UUID.class), rs.getString("name"),
						rs.getString("contact"), rs.getInt("wrap_up_seconds"), rs.getInt("max_no_answer"),
						SeatStatus.of(rs.getString("status")), SeatCallState.of(rs.getString("call_state")),
						rs.getObject("call_state_at", OffsetDateTime.class).toInstant(),
						rs.getObject("call_id", UUID.class),
						today.equals(rs.getObject("stats_day", LocalDate.class)) ? rs.getInt("calls_today") : 0));
	}

	@Override
	public List<BridgeGroup> groups() {
		Map<Long, List<Long>> seats = new TreeMap<>();
		jdbc.query("SELECT group_id, seat_id FROM bridge_group_seat ORDER BY group_id, position",
				(RowCallbackHandler) rs -> seats.computeIfAbsent(rs.getLong("group_id"), k -> new ArrayList<>())
					.add(rs.getLong("seat_id")));
		return jdbc.query("SELECT id, user_id, name, strategy, ring_timeout_seconds, max_wait_seconds "
				+ "FROM bridge_group ORDER BY id",
				(rs, n) -> new BridgeGroup(rs.getLong("id"), rs.getObject("user_id", UUID.class), rs.getString("name"),
						seats.getOrDefault(rs.getLong("id"), List.of()), GroupStrategy.of(rs.getString("strategy")),
						rs.getInt("ring_timeout_seconds"), rs.getInt("max_wait_seconds")));
	}

	@Override
	@Transactional
	public void record(Collection<SeatChange> changes) {
		if (changes.isEmpty()) {
			return;
		}
		List<SeatChange> ordered = new ArrayList<>(changes);
		ordered.sort(Comparator.comparingLong(SeatChange::seatId)); // stable: each seat's changes keep their order
		List<Object[]> rows = new ArrayList<>(ordered.size());
		for (SeatChange c : ordered) {
			LocalDate day = today(c.at());
			boolean bridged = c.bridgedSeconds() > 0;
			SqlParameterValue breaks = new SqlParameterValue(Types.BOOLEAN, c.noAnswerBreak());
			Object callId = c.callId() != null ? c.callId() : new SqlParameterValue(Types.OTHER, null);
			rows.add(new Object[] { c.callState().json(), at(c.at()), callId, day, bridged ? 1 : 0, day,
					bridged ? c.bridgedSeconds() : 0L, day, breaks, breaks, at(c.at()), breaks, c.seatId() });
		}
		jdbc.batchUpdate(RECORD, rows); // a seat that is gone updates nothing
	}

	@Override
	@Transactional
	public void recordWaiting(Map<Long, Integer> waitingByGroup) {
		Map<Long, Integer> waiting = new TreeMap<>(waitingByGroup);
		jdbc.queryForList("SELECT id FROM bridge_group WHERE waiting <> 0", Long.class)
			.forEach(id -> waiting.putIfAbsent(id, 0));
		List<Object[]> rows = new ArrayList<>(waiting.size());
		waiting.forEach((id, n) -> rows.add(new Object[] { n, id, n }));
		if (!rows.isEmpty()) {
			jdbc.batchUpdate("UPDATE bridge_group SET waiting = ? WHERE id = ? AND waiting <> ?", rows);
		}
	}

	private LocalDate today(Instant at) {
		return LocalDate.ofInstant(at, time.zone());
	}

	private static OffsetDateTime at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
