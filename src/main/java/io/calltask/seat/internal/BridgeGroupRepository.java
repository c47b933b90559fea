package io.calltask.seat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.seat.BridgeGroups;
import io.calltask.seat.GroupStrategy;
import io.calltask.seat.SeatActivity;
import io.calltask.seat.SeatCallState;
import io.calltask.seat.SeatStatus;

/**
 * SQL for the API's bridge groups: {@code bridge_group}, its seats in order ({@code bridge_group_seat}),
 * and the live counts of what those seats do. Answers {@link BridgeGroups} for the modules that refer to groups.
 */
@Repository
public class BridgeGroupRepository implements BridgeGroups {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	BridgeGroupRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	@Override
	public boolean exists(UUID userId, long groupId) {
		return jdbc.sql("SELECT count(*) FROM bridge_group WHERE id = ? AND user_id = ?")
			.params(groupId, userId)
			.query(Long.class)
			.single() > 0;
	}

	/** A new group with its seats; answers its id. */
	long insert(UUID userId, GroupSettings group, OffsetDateTime now) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO bridge_group (user_id, name, strategy, ring_timeout_seconds, max_wait_seconds, "
				+ "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(userId, group.name(), group.strategy().json(), group.ringTimeoutSeconds(), group.maxWaitSeconds(),
					now, now)
			.update(key, "id");
		long id = key.getKeyAs(Long.class);
		insertSeats(id, group.seatIds());
		return id;
	}

	/** The group's settings; its seats too when {@code seatsChanged}. */
	void update(long id, GroupSettings group, boolean seatsChanged, OffsetDateTime now) {
		jdbc.sql("UPDATE bridge_group SET name = ?, strategy = ?, ring_timeout_seconds = ?, max_wait_seconds = ?, "
				+ "updated_at = ? WHERE id = ?")
			.params(group.name(), group.strategy().json(), group.ringTimeoutSeconds(), group.maxWaitSeconds(), now, id)
			.update();
		if (seatsChanged) {
			jdbc.sql("DELETE FROM bridge_group_seat WHERE group_id = ?").param(id).update();
			insertSeats(id, group.seatIds());
		}
	}

	private void insertSeats(long groupId, List<Long> seatIds) {
		List<Object[]> rows = new ArrayList<>(seatIds.size());
		for (int position = 0; position < seatIds.size(); position++) {
			rows.add(new Object[] { groupId, seatIds.get(position), position });
		}
		if (!rows.isEmpty()) {
			batch.batchUpdate("INSERT INTO bridge_group_seat (group_id, seat_id, position) VALUES (?, ?, ?)", rows);
		}
	}

	/** Deletes the group; its seats stay, out of it. */
	void delete(long id) {
		jdbc.sql("DELETE FROM bridge_group WHERE id = ?").param(id).update();
	}

	Optional<GroupRow> find(UUID userId, long id) {
		return complete(jdbc.sql("SELECT * FROM bridge_group WHERE id = ? AND user_id = ?")
			.params(id, userId)
			.query(BridgeGroupRepository::map)
			.list()).stream().findFirst();
	}

	/** Locks the group's row until the transaction ends; false if it is not the user's. */
	boolean lock(UUID userId, long id) {
		return jdbc.sql("SELECT id FROM bridge_group WHERE id = ? AND user_id = ? FOR UPDATE")
			.params(id, userId)
			.query(Long.class)
			.optional()
			.isPresent();
	}

	long count(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM bridge_group WHERE user_id = ?").param(userId).query(Long.class).single();
	}

	/** A page of the user's groups, newest first. */
	List<GroupRow> page(UUID userId, PageRequest page) {
		return complete(jdbc.sql("SELECT * FROM bridge_group WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
			.params(userId, page.perPage(), page.offset())
			.query(BridgeGroupRepository::map)
			.list());
	}

	/** Rows read with no seats and no counts, completed: two queries for any number of groups. */
	private List<GroupRow> complete(List<GroupRow> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		Map<Long, List<Long>> seats = new LinkedHashMap<>();
		Map<Long, Map<SeatActivity, Integer>> counts = new LinkedHashMap<>();
		rows.forEach(r -> {
			seats.put(r.id(), new ArrayList<>());
			counts.put(r.id(), new EnumMap<>(SeatActivity.class));
		});
		jdbc.sql("SELECT group_id, seat_id FROM bridge_group_seat WHERE group_id IN (:ids) ORDER BY group_id, position")
			.param("ids", seats.keySet())
			.query((RowCallbackHandler) rs -> seats.get(rs.getLong("group_id")).add(rs.getLong("seat_id")));
		jdbc.sql("SELECT g.group_id, s.status, s.call_state, count(*) AS n FROM bridge_group_seat g "
				+ "JOIN seat s ON s.id = g.seat_id WHERE g.group_id IN (:ids) "
				+ "GROUP BY g.group_id, s.status, s.call_state")
			.param("ids", seats.keySet())
			.query((RowCallbackHandler) rs -> counts.get(rs.getLong("group_id"))
				.merge(SeatActivity.of(SeatStatus.of(rs.getString("status")),
						SeatCallState.of(rs.getString("call_state"))), rs.getInt("n"), Integer::sum));
		return rows.stream()
			.map(r -> new GroupRow(r.id(), r.userId(),
					new GroupSettings(r.settings().name(), seats.get(r.id()), r.settings().strategy(),
							r.settings().ringTimeoutSeconds(), r.settings().maxWaitSeconds()),
					new GroupRow.Stats(counts.get(r.id()), r.stats().waiting()), r.createdAt(), r.updatedAt()))
			.toList();
	}

	private static GroupRow map(ResultSet rs, int row) throws SQLException {
		return new GroupRow(rs.getLong("id"), rs.getObject("user_id", UUID.class),
				new GroupSettings(rs.getString("name"), List.of(), GroupStrategy.of(rs.getString("strategy")),
						rs.getInt("ring_timeout_seconds"), rs.getInt("max_wait_seconds")),
				new GroupRow.Stats(Map.of(), rs.getInt("waiting")), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

}
