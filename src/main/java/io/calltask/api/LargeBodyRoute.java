package io.calltask.api;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A route that takes bodies larger than {@code calltask.api.max-body-bytes} (number imports). The
 * module owning the route declares it as a bean; the body-size check applies {@code maxBytes} to
 * requests matching {@code method} and {@code path} instead of the global limit.
 */
public record LargeBodyRoute(String method, PathPattern path, long maxBytes) {

	/** {@code pathPattern} as Spring MVC mappings write it: {@code /agent-api/new/user/*}/… */
	public static LargeBodyRoute of(String method, String pathPattern, long maxBytes) {
		return new LargeBodyRoute(method, PathPatternParser.defaultInstance.parse(pathPattern), maxBytes);
	}

	public boolean matches(String requestMethod, String requestPath) {
		return method.equalsIgnoreCase(requestMethod) && path.matches(PathContainer.parsePath(requestPath));
	}

}
