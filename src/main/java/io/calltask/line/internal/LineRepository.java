package io.calltask.line.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.line.Line;

@Repository
public class LineRepository {

	private final JdbcClient jdbc;

	LineRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Line line) {
		jdbc.sql("INSERT INTO line (id, user_id, name, gateway, node_id, cps, line_limit, caller_number, created_at, "
				+ "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(line.id(), line.userId(), line.name(), line.gateway(), line.nodeId(), line.cps(), line.limit(),
					line.callerNumber(), line.createdAt(), line.updatedAt())
			.update();
	}

	public void update(Line line) {
		jdbc.sql("UPDATE line SET name = ?, gateway = ?, node_id = ?, cps = ?, line_limit = ?, caller_number = ?, "
				+ "updated_at = ? WHERE id = ?")
			.params(line.name(), line.gateway(), line.nodeId(), line.cps(), line.limit(), line.callerNumber(),
					line.updatedAt(), line.id())
			.update();
	}

	public boolean delete(UUID userId, UUID id) {
		return jdbc.sql("DELETE FROM line WHERE id = ? AND user_id = ?").params(id, userId).update() == 1;
	}

	public Optional<Line> find(UUID userId, UUID id) {
		return jdbc.sql("SELECT * FROM line WHERE id = ? AND user_id = ?").params(id, userId).query(LineRepository::map)
			.optional();
	}

	public Map<UUID, Line> byIds(Collection<UUID> ids) {
		Map<UUID, Line> found = new LinkedHashMap<>();
		jdbc.sql("SELECT * FROM line WHERE id IN (:ids)")
			.param("ids", ids)
			.query(LineRepository::map)
			.list()
			.forEach(line -> found.put(line.id(), line));
		return found;
	}

	public long count(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM line WHERE user_id = ?").param(userId).query(Long.class).single();
	}

	public List<Line> page(UUID userId, PageRequest page) {
		return jdbc.sql("SELECT * FROM line WHERE user_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?")
			.params(userId, page.perPage(), page.offset())
			.query(LineRepository::map)
			.list();
	}

	private static Line map(ResultSet rs, int row) throws SQLException {
		return new Line(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
				rs.getString("gateway"), rs.getString("node_id"), rs.getInt("cps"), rs.getInt("line_limit"),
				rs.getString("caller_number"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

}
