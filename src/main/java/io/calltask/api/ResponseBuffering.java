package io.calltask.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers leave in one piece: Tomcat's 8 KiB response and socket buffers cut a 40 KiB task page
 * into six writes (six system calls, six wake-ups of the client). With
 * {@code calltask.api.response-buffer-bytes} (64 KiB) for both, a page up to that size is one
 * write. The socket buffer is held per open connection, which is why
 * {@code server.tomcat.max-connections} is lowered to match (see application.properties).
 */
@Configuration(proxyBeanMethods = false)
class ResponseBuffering {

	private final int bytes;

	ResponseBuffering(@Value("${calltask.api.response-buffer-bytes:65536}") int bytes) {
		this.bytes = Math.max(8192, bytes);
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> socketWriteBuffer() {
		return factory -> factory.addConnectorCustomizers(
				connector -> connector.setProperty("socket.appWriteBufSize", Integer.toString(bytes)));
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	OncePerRequestFilter responseBuffer() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				response.setBufferSize(bytes);
				chain.doFilter(request, response);
			}

		};
	}

}
