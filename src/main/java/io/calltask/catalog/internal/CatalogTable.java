package io.calltask.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.api.Ids;
import io.calltask.catalog.Background;
import io.calltask.catalog.BotGroup;
import io.calltask.catalog.CatalogReferences;
import io.calltask.catalog.LlmIntention;
import io.calltask.catalog.RecycleRule;

/**
 * The four catalog tables: their path segment, table, id type, and row mapping. Lets one
 * repository and one controller serve all four without four copies of the same CRUD.
 */
public enum CatalogTable {

	GROUP("group", "bot_group", "话术组", false, CatalogReferences.Kind.GROUP),
	RECYCLE_RULE("recycle-rule", "recycle_rule", "重呼规则", true, CatalogReferences.Kind.RECYCLE_RULE),
	LLM_INTENTION("llm-intention", "llm_intention", "大模型意向标签配置", false, CatalogReferences.Kind.LLM_INTENTION),
	BACKGROUND("background", "background", "背景音", false, CatalogReferences.Kind.BACKGROUND);

	/** The stored columns' own reader: stored text must not follow the HTTP answers' spring.jackson settings. */
	static final JsonMapper JSON = JsonMapper.builder().build();

	private final String path;

	private final String table;

	private final String label;

	private final boolean uuidIds;

	private final CatalogReferences.Kind kind;

	CatalogTable(String path, String table, String label, boolean uuidIds, CatalogReferences.Kind kind) {
		this.path = path;
		this.table = table;
		this.label = label;
		this.uuidIds = uuidIds;
		this.kind = kind;
	}

	public static CatalogTable ofPath(String path) {
		for (CatalogTable t : values()) {
			if (t.path.equals(path)) {
				return t;
			}
		}
		throw new IllegalArgumentException(path);
	}

	public String table() {
		return table;
	}

	/** What the item is called in messages: 话术组, 重呼规则… */
	public String label() {
		return label;
	}

	public String notFound() {
		return label + "不存在";
	}

	public boolean uuidIds() {
		return uuidIds;
	}

	public CatalogReferences.Kind kind() {
		return kind;
	}

	/** A path id in this table's id type; malformed ids are a 404. */
	public Object parseId(String text) {
		return uuidIds ? Ids.uuidOr404(text, notFound()) : Ids.longOr404(text, notFound());
	}

	/** Newest first: uuid tables by their insertion sequence, the others by id. */
	String order() {
		return uuidIds ? "seq DESC" : "id DESC";
	}

	Object map(ResultSet rs) throws SQLException {
		UUID user = rs.getObject("user_id", UUID.class);
		String name = rs.getString("name");
		OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
		OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
		return switch (this) {
			case GROUP -> new BotGroup(rs.getLong("id"), user, name, rs.getBoolean("is_default"), created, updated);
			case RECYCLE_RULE -> new RecycleRule(rs.getObject("id", UUID.class), user, name, rs.getBoolean("enable"),
					rs.getBoolean("first_call_first"), rs.getInt("interval_minutes"), rs.getInt("max_times"),
					JSON.readValue(rs.getString("hangup_causes"), new TypeReference<List<String>>() {
					}), JSON.readValue(rs.getString("call_statuses"), new TypeReference<List<String>>() {
					}), created, updated);
			case LLM_INTENTION -> new LlmIntention(rs.getLong("id"), user, name,
					JSON.readValue(rs.getString("labels"), new TypeReference<Map<String, String>>() {
					}), created, updated);
			case BACKGROUND -> new Background(rs.getLong("id"), user, name, rs.getString("url"), created, updated);
		};
	}

}
