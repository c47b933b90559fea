package io.calltask.catalog.web;

import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.UserScope;
import io.calltask.api.ApiException;
import io.calltask.api.ApiResponse;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.catalog.Catalog;
import io.calltask.catalog.CatalogReferences;
import io.calltask.catalog.internal.CatalogInput;
import io.calltask.catalog.internal.CatalogRepository;
import io.calltask.catalog.internal.CatalogTable;
import io.calltask.time.DateTimes;

/**
 * {@code …/group}, {@code …/recycle-rule}, {@code …/llm-intention}, {@code …/background} (docs/ROUTES.md):
 * the same five routes for each, over {@link CatalogTable}.
 */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/{kind:group|recycle-rule|llm-intention|background}",
		produces = "application/json")
class CatalogController {

	private final CatalogRepository items;

	private final Catalog catalog;

	private final DateTimes time;

	private final ObjectProvider<CatalogReferences> references;

	CatalogController(CatalogRepository items, Catalog catalog, DateTimes time,
			ObjectProvider<CatalogReferences> references) {
		this.items = items;
		this.catalog = catalog;
		this.time = time;
		this.references = references;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @PathVariable String kind,
			@RequestParam(required = false) String page, @RequestParam(name = "per_page", required = false) String perPage) {
		CatalogTable table = CatalogTable.ofPath(kind);
		PageRequest request = PageRequest.of(page, perPage);
		return ApiResponse.page("返回列表成功", request, items.count(table, user.userId()),
				() -> items.page(table, user.userId(), request).stream().map(catalog::view).toList());
	}

	@PostMapping(consumes = "application/json")
	@Transactional
	ResponseEntity<Map<String, Object>> create(UserScope user, @PathVariable String kind,
			@RequestBody(required = false) JsonNode json) {
		CatalogTable table = CatalogTable.ofPath(kind);
		Map<String, Object> columns = CatalogInput.read(table, JsonBody.of(json), true);
		var now = time.nowForStorage();
		if (table.uuidIds()) {
			columns.put("id", UUID.randomUUID());
		}
		columns.put("user_id", user.userId());
		columns.put("created_at", now);
		columns.put("updated_at", now);
		Object id = items.insert(table, columns);
		keepOneDefault(table, user, id, columns);
		return ApiResponse.created("创建成功", catalog.view(find(table, user, id)));
	}

	@GetMapping("/{id}")
	ResponseEntity<Map<String, Object>> get(UserScope user, @PathVariable String kind, @PathVariable String id) {
		CatalogTable table = CatalogTable.ofPath(kind);
		return ApiResponse.ok("返回成功", catalog.view(find(table, user, table.parseId(id))));
	}

	@PutMapping(path = "/{id}", consumes = "application/json")
	@Transactional
	ResponseEntity<Map<String, Object>> update(UserScope user, @PathVariable String kind, @PathVariable String id,
			@RequestBody(required = false) JsonNode json) {
		CatalogTable table = CatalogTable.ofPath(kind);
		Object key = table.parseId(id);
		find(table, user, key);
		Map<String, Object> columns = CatalogInput.read(table, JsonBody.of(json), false);
		columns.put("updated_at", time.nowForStorage());
		items.update(table, key, columns);
		keepOneDefault(table, user, key, columns);
		return ApiResponse.ok("更新成功", catalog.view(find(table, user, key)));
	}

	@DeleteMapping("/{id}")
	@Transactional
	ResponseEntity<Map<String, Object>> delete(UserScope user, @PathVariable String kind, @PathVariable String id) {
		CatalogTable table = CatalogTable.ofPath(kind);
		Object key = table.parseId(id);
		find(table, user, key);
		long users = references.orderedStream().mapToLong(r -> r.count(user.userId(), table.kind(), key)).sum();
		if (users > 0) {
			throw new ApiException.Invalid("id", table.label() + "正在被 " + users + " 个任务使用，请先修改或删除这些任务");
		}
		items.delete(table, user.userId(), key);
		return ApiResponse.ok("删除成功", null);
	}

	private Object find(CatalogTable table, UserScope user, Object id) {
		return items.find(table, user.userId(), id).orElseThrow(() -> new ApiException.NotFound(table.notFound()));
	}

	private void keepOneDefault(CatalogTable table, UserScope user, Object id, Map<String, Object> columns) {
		if (table == CatalogTable.GROUP && Boolean.TRUE.equals(columns.get("is_default"))) {
			items.clearDefaultGroups(user.userId(), (Long) id);
		}
	}

}
