package io.calltask.agent.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.internal.CallerKey;
import io.calltask.agent.internal.DownloadTokens;
import io.calltask.api.ApiResponse;
import io.calltask.api.JsonBody;
import io.calltask.time.DateTimes;

/**
 * {@code POST /agent-api/download-token}: a link that downloads one CSV export without the key in
 * a header (the console's downloads), valid once and for {@link DownloadTokens#LIFETIME}.
 */
@RestController
class DownloadTokenController {

	private static final int MAX_PATH = 2000;

	private final DownloadTokens tokens;

	private final DateTimes time;

	DownloadTokenController(DownloadTokens tokens, DateTimes time) {
		this.tokens = tokens;
		this.time = time;
	}

	@PostMapping(path = "/agent-api/download-token", consumes = "application/json", produces = "application/json")
	ResponseEntity<Map<String, Object>> issue(CallerKey caller, @RequestBody(required = false) JsonNode json) {
		JsonBody body = JsonBody.of(json);
		String path = body.hasValue("path") ? body.string("path", MAX_PATH) : null;
		if (!body.hasValue("path")) {
			body.errors().add("path", "不能为空");
		}
		else if (path != null && !csvExport(path)) {
			body.errors().add("path", "必须是 /agent-api/ 下带 format=csv 的导出地址（路径和查询，不含 download_token）");
		}
		body.throwIfInvalid();
		DownloadTokens.Issued issued = tokens.issue(caller.hash(), path);
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("url", path + (path.contains("?") ? "&" : "?") + DownloadTokens.PARAMETER + "=" + issued.token());
		view.put("expires_datetime", time.format(issued.expiresAt()));
		return ApiResponse.created("下载链接已生成，60 秒内有效，只能使用一次", view);
	}

	private static boolean csvExport(String path) {
		int query = path.indexOf('?');
		if (!path.startsWith("/agent-api/") || query < 0 || path.contains("#") || path.contains(" ")) {
			return false;
		}
		String[] parameters = path.substring(query + 1).split("&");
		boolean csv = false;
		for (String parameter : parameters) {
			if (parameter.startsWith(DownloadTokens.PARAMETER + "=")) {
				return false;
			}
			csv |= parameter.equals("format=csv");
		}
		return csv;
	}

}
