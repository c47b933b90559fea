package io.calltask.agent.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.agent.CallerAgent;
import io.calltask.agent.KeyScope;
import io.calltask.agent.internal.AgentKeyRepository.ActiveKey;
import io.calltask.api.ApiError;
import io.calltask.api.ApiException;
import io.calltask.api.LargeBodyRoute;

/**
 * Guards {@code /agent-api/**}: a Bearer key that is neither revoked nor expired (401 otherwise; a
 * {@code GET} may instead carry a {@link DownloadTokens download token}), a {@code read} key only
 * reading (403), the agent's request rate (429), and the body size (413; routes declared as
 * {@link LargeBodyRoute} beans have their own limit). The agent and the key are then request
 * attributes. Which keys are accepted, and how cheaply, is {@link ActiveKeys}'s.
 */
@Component
class AgentKeyFilter extends OncePerRequestFilter {

	static final String AGENT_ATTRIBUTE = CallerAgent.class.getName();

	static final String KEY_ATTRIBUTE = CallerKey.class.getName();

	/** The one write a read key may make: asking for a download token, to read an export. */
	private static final String DOWNLOAD_TOKEN_ROUTE = "/agent-api/download-token";

	private final ActiveKeys keys;

	private final DownloadTokens downloads;

	private final JsonMapper json;

	private final RateLimiter rateLimiter;

	private final long maxBodyBytes;

	private final List<LargeBodyRoute> largeBodyRoutes;

	AgentKeyFilter(ActiveKeys keys, DownloadTokens downloads, JsonMapper json,
			@Value("${calltask.api.rate-limit.requests-per-second:1000}") double perSecond,
			@Value("${calltask.api.rate-limit.burst:2000}") double burst,
			@Value("${calltask.api.max-body-bytes:1048576}") long maxBodyBytes, List<LargeBodyRoute> largeBodyRoutes) {
		this.keys = keys;
		this.downloads = downloads;
		this.json = json;
		this.rateLimiter = new RateLimiter(perSecond, burst, System::nanoTime);
		this.maxBodyBytes = maxBodyBytes;
		this.largeBodyRoutes = List.copyOf(largeBodyRoutes);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		return !(path.equals("/agent-api") || path.startsWith("/agent-api/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = bearerKey(request.getHeader(HttpHeaders.AUTHORIZATION));
		String hash;
		if (key != null) {
			hash = KeyHash.of(key);
		}
		else {
			String token = "GET".equals(request.getMethod()) ? request.getParameter(DownloadTokens.PARAMETER) : null;
			if (token == null) {
				reject(response, new ApiException.Unauthorized("缺少 API 密钥（Authorization: Bearer <key>）"));
				return;
			}
			hash = downloads.redeem(token, pathWithout(request, token)).orElse(null);
			if (hash == null) {
				reject(response, new ApiException.Unauthorized("下载链接无效、已使用或已过期，请重新下载"));
				return;
			}
		}
		Optional<ActiveKey> accepted = keys.accept(hash);
		if (accepted.isEmpty()) {
			reject(response, new ApiException.Unauthorized("API 密钥无效、已停用或已过期"));
			return;
		}
		ActiveKey active = accepted.get();
		if (active.scope() == KeyScope.READ && !reads(request)) {
			reject(response, new ApiException.Forbidden("只读密钥只能查询（GET），不能修改"));
			return;
		}
		if (!rateLimiter.tryAcquire(active.agent().id())) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			reject(response, new ApiException.TooManyRequests());
			return;
		}
		long limit = bodyLimit(request);
		long length = request.getContentLengthLong();
		if (length > limit) {
			reject(response, new ApiException.PayloadTooLarge(limit));
			return;
		}
		request.setAttribute(AGENT_ATTRIBUTE, active.agent());
		request.setAttribute(KEY_ATTRIBUTE, new CallerKey(active.keyId(), hash, active.scope()));
		chain.doFilter(length < 0 ? new BoundedBodyRequest(request, limit) : request, response);
	}

	private long bodyLimit(HttpServletRequest request) {
		if (largeBodyRoutes.isEmpty()) {
			return maxBodyBytes;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (LargeBodyRoute route : largeBodyRoutes) {
			if (route.matches(request.getMethod(), path)) {
				return route.maxBytes();
			}
		}
		return maxBodyBytes;
	}

	private static String bearerKey(String header) {
		if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String key = header.substring(7).strip();
		return key.isEmpty() || key.length() > 512 ? null : key;
	}

	private static boolean reads(HttpServletRequest request) {
		String method = request.getMethod();
		return "GET".equals(method) || "HEAD".equals(method)
				|| ("POST".equals(method) && DOWNLOAD_TOKEN_ROUTE.equals(path(request)));
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/** The path and query as sent, the token (the query's last parameter) left out. */
	private static String pathWithout(HttpServletRequest request, String token) {
		String query = request.getQueryString();
		String tail = DownloadTokens.PARAMETER + "=" + token;
		if (query == null || !query.endsWith(tail)) {
			return "";
		}
		String rest = query.substring(0, query.length() - tail.length());
		if (rest.endsWith("&")) {
			rest = rest.substring(0, rest.length() - 1);
		}
		else if (!rest.isEmpty()) {
			return "";
		}
		return path(request) + (rest.isEmpty() ? "" : "?" + rest);
	}

	private void reject(HttpServletResponse response, ApiException ex) throws IOException {
		ApiError error = ex.toError();
		response.setStatus(error.code());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), error.body());
	}

	/** A body without Content-Length (chunked) is cut off at the limit with a 413. */
	private static final class BoundedBodyRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		BoundedBodyRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new Bounded(super.getInputStream(), limit);
			}
			return stream;
		}

	}

	private static final class Bounded extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		Bounded(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			read += n;
			if (read > limit) {
				throw new ApiException.PayloadTooLarge(limit);
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
