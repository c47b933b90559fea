package io.calltask.line;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.calltask.api.DateTimes;
import io.calltask.line.internal.LineRepository;

/** Lines as other modules need them: many at once by id, and as the API shows them. */
@Service
public class Lines {

	private final LineRepository lines;

	private final DateTimes time;

	Lines(LineRepository lines, DateTimes time) {
		this.lines = lines;
		this.time = time;
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
