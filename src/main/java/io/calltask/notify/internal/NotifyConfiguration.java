package io.calltask.notify.internal;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.calltask.notify.NotifySettings;

/**
 * The webhooks' settings and threads: the dispatcher's own thread, the senders (one per attempt in
 * progress: each makes its request and waits for the answer on the HTTP client), the resolver
 * threads that look receivers' addresses up (a lookup blocks), and the HTTP client with its
 * connections. They close with the application, after the {@link Dispatcher} has stopped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifySettings.class)
class NotifyConfiguration {

	/** A pooled connection idle this long is checked before it carries an attempt. */
	private static final TimeValue CHECKED_AFTER_IDLE = TimeValue.ofSeconds(1);

	/** A pooled connection idle this long is closed. */
	private static final TimeValue CLOSED_AFTER_IDLE = TimeValue.ofSeconds(60);

	@Bean(destroyMethod = "close")
	NotifyThreads notifyDispatcher() {
		return NotifyThreads.named("notify-dispatcher", 1);
	}

	/** One thread for each attempt in progress (at most {@code max-in-flight}): each waits for its answer. */
	@Bean(destroyMethod = "close")
	NotifyThreads notifySenders() {
		return NotifyThreads.asNeeded("notify-sender");
	}

	@Bean(destroyMethod = "close")
	NotifyThreads notifyResolver() {
		return NotifyThreads.named("notify-resolver", 8);
	}

	/**
	 * The connections to receivers (Apache HttpClient's pool), kept and reused: at most
	 * {@code max-in-flight} in all and {@code per-receiver} to one; connecting and each read bounded by
	 * {@code timeout}. Closed with the application, not waiting for attempts in progress: they end with
	 * an error, their leases run out and they are sent again.
	 */
	@Bean(destroyMethod = "close")
	PoolingHttpClientConnectionManager webhookConnections(NotifySettings settings) {
		Timeout timeout = Timeout.of(settings.timeout());
		return PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(settings.maxInFlight())
			.setMaxConnPerRoute(settings.perReceiver())
			.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeout).setTcpNoDelay(true).build())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(timeout)
				.setSocketTimeout(timeout)
				.setValidateAfterInactivity(CHECKED_AFTER_IDLE)
				.build())
			.build();
	}

	/** Closes the connections idle for a minute, on a thread of its own. */
	@Bean(initMethod = "start", destroyMethod = "shutdown")
	IdleConnectionEvictor webhookConnectionEvictor(PoolingHttpClientConnectionManager webhookConnections) {
		return new IdleConnectionEvictor(webhookConnections, CLOSED_AFTER_IDLE);
	}

	/**
	 * The one client every attempt goes through: Apache HttpClient's minimal classic client on
	 * {@link #webhookConnections}. The sender thread writes the request and reads the answer itself, no
	 * thread between. Nothing but the request is done: redirects are not followed, nothing is retried
	 * (the dispatcher does), no cookies, authentication, compression or proxy. Each request carries
	 * {@link #requestConfig}.
	 */
	@Bean(destroyMethod = "close")
	CloseableHttpClient webhookHttpClient(PoolingHttpClientConnectionManager webhookConnections) {
		return HttpClients.createMinimal(webhookConnections);
	}

	/** Every attempt's: waiting for a connection from the pool and each read bounded by {@code timeout}. */
	static RequestConfig requestConfig(NotifySettings settings) {
		Timeout timeout = Timeout.of(settings.timeout());
		return RequestConfig.custom()
			.setConnectionRequestTimeout(timeout)
			.setResponseTimeout(timeout)
			.setRedirectsEnabled(false)
			.build();
	}

}
