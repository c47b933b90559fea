package io.calltask.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
import io.calltask.api.ApiError;
import io.calltask.api.ApiException;
import io.calltask.api.LargeBodyRoute;

/**
 * Guards {@code /agent-api/**}: a Bearer key that hashes to a known agent (401 otherwise), the
 * agent's request rate (429), and the body size (413; routes declared as {@link LargeBodyRoute}
 * beans have their own limit). The agent is then a request attribute.
 */
@Component
class AgentKeyFilter extends OncePerRequestFilter {

	static final String AGENT_ATTRIBUTE = CallerAgent.class.getName();

	private static final long KEY_CACHE_NANOS = Duration.ofSeconds(60).toNanos();

	private final AgentRepository agents;

	private final JsonMapper json;

	private final RateLimiter rateLimiter;

	private final long maxBodyBytes;

	private final List<LargeBodyRoute> largeBodyRoutes;

	private final ConcurrentHashMap<String, CachedAgent> keyCache = new ConcurrentHashMap<>();

	AgentKeyFilter(AgentRepository agents, JsonMapper json,
			@Value("${calltask.api.rate-limit.requests-per-second:1000}") double perSecond,
			@Value("${calltask.api.rate-limit.burst:2000}") double burst,
			@Value("${calltask.api.max-body-bytes:1048576}") long maxBodyBytes, List<LargeBodyRoute> largeBodyRoutes) {
		this.agents = agents;
		this.json = json;
		this.rateLimiter = new RateLimiter(perSecond, burst, System::nanoTime);
		this.maxBodyBytes = maxBodyBytes;
		this.largeBodyRoutes = List.copyOf(largeBodyRoutes);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/agent-api") || path.startsWith("/agent-api/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = bearerKey(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (key == null) {
			reject(response, new ApiException.Unauthorized("缺少 API 密钥（Authorization: Bearer <key>）"));
			return;
		}
		Optional<CallerAgent> agent = resolve(key);
		if (agent.isEmpty()) {
			reject(response, new ApiException.Unauthorized("API 密钥无效"));
			return;
		}
		if (!rateLimiter.tryAcquire(agent.get().id())) {
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
		request.setAttribute(AGENT_ATTRIBUTE, agent.get());
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

	private Optional<CallerAgent> resolve(String key) {
		String hash = KeyHash.of(key);
		long now = System.nanoTime();
		CachedAgent cached = keyCache.get(hash);
		if (cached != null && now - cached.loadedAt < KEY_CACHE_NANOS) {
			return Optional.of(cached.agent);
		}
		Optional<CallerAgent> agent = agents.findByKeyHash(hash);
		if (agent.isPresent()) {
			keyCache.put(hash, new CachedAgent(agent.get(), now));
		}
		else {
			keyCache.remove(hash);
		}
		return agent;
	}

	private void reject(HttpServletResponse response, ApiException ex) throws IOException {
		ApiError error = ex.toError();
		response.setStatus(error.code());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), error.body());
	}

	private record CachedAgent(CallerAgent agent, long loadedAt) {
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
