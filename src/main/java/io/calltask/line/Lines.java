package io.calltask.line;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import io.calltask.api.ApiException;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.line.internal.LineInput;
import io.calltask.line.internal.LineRepository;
import io.calltask.time.DateTimes;

/** Caller lines: created and changed from API bodies, found many at once, shown as the API shows them. */
@Service
public class Lines {

	private static final String NOT_FOUND = "线路不存在";

	private final LineRepository lines;

	private final DateTimes time;

	private final ObjectProvider<LineReferences> references;

	Lines(LineRepository lines, DateTimes time, ObjectProvider<LineReferences> references) {
		this.lines = lines;
		this.time = time;
		this.references = references;
	}

	/** A new line of {@code userId} from a create body (name, gateway and node_id required). */
	public Line create(UUID userId, JsonNode json) {
		OffsetDateTime now = time.nowForStorage();
		Line line = LineInput.read(JsonBody.of(json), new Line(UUID.randomUUID(), userId, null, null, null, 10, 10, "",
				now, now), true);
		lines.insert(line);
		return line;
	}

	/** The line with the body's keys applied; absent keys are kept. */
	public Line update(UUID userId, UUID lineId, JsonNode json) {
		Line current = find(userId, lineId);
		Line line = LineInput.read(JsonBody.of(json), current, false);
		line = new Line(line.id(), line.userId(), line.name(), line.gateway(), line.nodeId(), line.cps(), line.limit(),
				line.callerNumber(), line.createdAt(), time.nowForStorage());
		lines.update(line);
		return line;
	}

	/** Deletes a line unless a task still uses it (a 422 on {@code line_id}, see {@link LineReferences}). */
	@Transactional
	public void delete(UUID userId, UUID lineId) {
		Line line = find(userId, lineId);
		long users = references.orderedStream().mapToLong(r -> r.count(userId, line.id())).sum();
		if (users > 0) {
			throw new ApiException.Invalid("line_id", "线路正在被 " + users + " 个任务使用，请先修改或删除这些任务");
		}
		lines.delete(userId, line.id());
	}

	public Line find(UUID userId, UUID lineId) {
		return lines.find(userId, lineId).orElseThrow(() -> new ApiException.NotFound(NOT_FOUND));
	}

	public long count(UUID userId) {
		return lines.count(userId);
	}

	public List<Line> page(UUID userId, PageRequest page) {
		return lines.page(userId, page);
	}

	/** One query for any number of ids (none for none); ids of any user, so check {@link Line#userId()}. */
	public Map<UUID, Line> byIds(Collection<UUID> ids) {
		return ids.isEmpty() ? Map.of() : lines.byIds(ids);
	}

	public Map<String, Object> view(Line line) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("line_id", line.id().toString());
		view.put("name", line.name());
		view.put("gateway", line.gateway());
		view.put("node_id", line.nodeId());
		view.put("cps", line.cps());
		view.put("limit", line.limit());
		view.put("caller_number", line.callerNumber());
		view.put("create_datetime", time.format(line.createdAt()));
		view.put("alter_datetime", time.format(line.updatedAt()));
		return view;
	}

}
