package io.calltask.seat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.seat.SeatCallState;
import io.calltask.seat.SeatStatus;

/** SQL for the API's seats: the {@code seat} table and each seat's groups from {@code bridge_group_seat}. */
@Repository
public class SeatRepository {

	private final JdbcClient jdbc;

	SeatRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A list's filters: a status, seats of a group; null for none. */
	public record Filter(SeatStatus status, Long groupId) {

	}

	/** A new seat, {@code offline} and {@code free} since {@code now}; answers its id. */
	long insert(UUID userId, SeatSettings seat, OffsetDateTime now) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO seat (user_id, name, extension, contact, wrap_up_seconds, max_no_answer, status, "
				+ "status_at, call_state, call_state_at, created_at, updated_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(userId, seat.name(), seat.extension(), seat.contact(), seat.wrapUpSeconds(), seat.maxNoAnswer(),
					SeatStatus.OFFLINE.json(), now, SeatCallState.FREE.json(), now, now, now)
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	void update(long id, SeatSettings seat, OffsetDateTime now) {
		jdbc.sql("UPDATE seat SET name = ?, extension = ?, contact = ?, wrap_up_seconds = ?, max_no_answer = ?, "
				+ "updated_at = ? WHERE id = ?")
			.params(seat.name(), seat.extension(), seat.contact(), seat.wrapUpSeconds(), seat.maxNoAnswer(), now, id)
			.update();
	}

	/** What people set: the status, no reason, since {@code at}. */
	void setStatus(long id, SeatStatus status, OffsetDateTime at) {
		jdbc.sql("UPDATE seat SET status = ?, status_reason = NULL, status_at = ? WHERE id = ?")
			.params(status.json(), at, id)
			.update();
	}

	/** Deletes the seat; its places in groups go with it. */
	void delete(long id) {
		jdbc.sql("DELETE FROM seat WHERE id = ?").param(id).update();
	}

	/** Whether another seat of the user ({@code exceptId} aside) has the extension. */
	boolean extensionTaken(UUID userId, String extension, long exceptId) {
		return jdbc.sql("SELECT count(*) FROM seat WHERE user_id = ? AND extension = ? AND id <> ?")
			.params(userId, extension, exceptId)
			.query(Long.class)
			.single() > 0;
	}

	Optional<SeatRow> find(UUID userId, long id) {
		return withGroups(jdbc.sql("SELECT * FROM seat WHERE id = ? AND user_id = ?")
			.params(id, userId)
			.query(SeatRepository::map)
			.list()).stream().findFirst();
	}

	/** The seat, its row locked until the transaction ends (the dialer waits to change its call state). */
	Optional<SeatRow> findForUpdate(UUID userId, long id) {
		return jdbc.sql("SELECT * FROM seat WHERE id = ? AND user_id = ? FOR UPDATE")
			.params(id, userId)
			.query(SeatRepository::map)
			.optional();
	}

	/** Of {@code ids}, those that are seats of the user. */
	Set<Long> owned(UUID userId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("SELECT id FROM seat WHERE user_id = :user AND id IN (:ids)")
			.param("user", userId)
			.param("ids", ids)
			.query(Long.class)
			.list());
	}

	long count(UUID userId, Filter filter) {
		List<Object> params = new ArrayList<>();
		return jdbc.sql("SELECT count(*) FROM seat s WHERE " + where(userId, filter, params))
			.params(params)
			.query(Long.class)
			.single();
	}

	/** A page of the user's seats, newest first. */
	List<SeatRow> page(UUID userId, Filter filter, PageRequest page) {
		List<Object> params = new ArrayList<>();
		String where = where(userId, filter, params);
		params.add(page.perPage());
		params.add(page.offset());
		return withGroups(jdbc.sql("SELECT s.* FROM seat s WHERE " + where + " ORDER BY s.id DESC LIMIT ? OFFSET ?")
			.params(params)
			.query(SeatRepository::map)
			.list());
	}

	private static String where(UUID userId, Filter filter, List<Object> params) {
		StringBuilder where = new StringBuilder("s.user_id = ?");
		params.add(userId);
		if (filter.status() != null) {
			where.append(" AND s.status = ?");
			params.add(filter.status().json());
		}
		if (filter.groupId() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM bridge_group_seat g WHERE g.seat_id = s.id AND g.group_id = ?)");
			params.add(filter.groupId());
		}
		return where.toString();
	}

	/** The seats with the ids of their groups, ascending: one query for all of them. */
	private List<SeatRow> withGroups(List<SeatRow> seats) {
		if (seats.isEmpty()) {
			return seats;
		}
		Map<Long, List<Long>> groups = new LinkedHashMap<>();
		seats.forEach(s -> groups.put(s.id(), new ArrayList<>()));
		jdbc.sql("SELECT seat_id, group_id FROM bridge_group_seat WHERE seat_id IN (:ids) ORDER BY seat_id, group_id")
			.param("ids", groups.keySet())
			.query((RowCallbackHandler) rs -> groups.get(rs.getLong("seat_id")).add(rs.getLong("group_id")));
		return seats.stream().map(s -> s.withGroupIds(groups.get(s.id()))).toList();
	}

	private static SeatRow map(ResultSet rs, int row) throws SQLException {
		return new SeatRow(rs.getLong("id"), rs.getObject("user_id", UUID.class),
				new SeatSettings(rs.getString("name"), rs.getString("extension"), rs.getString("contact"),
						rs.getInt("wrap_up_seconds"), rs.getInt("max_no_answer")),
				new SeatRow.Presence(SeatStatus.of(rs.getString("status")), rs.getString("status_reason"),
						rs.getObject("status_at", OffsetDateTime.class)),
				SeatCallState.of(rs.getString("call_state")),
				new SeatRow.DayCounts(rs.getObject("stats_day", LocalDate.class), rs.getInt("calls_today"),
						rs.getLong("talk_seconds_today")),
				List.of(), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

}
