package io.calltask.notify.internal;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
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
 * threads that look receivers' addresses up (a lookup blocks), and the HTTP client. They close with
 * the application, after the {@link Dispatcher} has stopped.
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
	 * The one client every attempt goes through (Apache HttpClient, classic: the sender thread writes
	 * the request and reads the answer itself, no thread between). Its connections to a receiver are
	 * kept and reused, at most {@code max-in-flight} in all and {@code per-receiver} to one; every wait
	 * is bounded by {@code timeout} (a connection from the pool, connecting, each read). Redirects are
	 * not followed, nothing is retried (the dispatcher does), no cookies, no compression, no proxy, no
	 * per-user connection state (connections are shared by every attempt to the receiver).
	 * Closed with the application, its connections too, not waiting for attempts in progress: they end
	 * with an error, their leases run out and they are sent again.
	 */
	@Bean(destroyMethod = "close")
	CloseableHttpClient webhookHttpClient(NotifySettings settings) {
		Timeout timeout = Timeout.of(settings.timeout());
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(settings.maxInFlight())
				.setMaxConnPerRoute(settings.perReceiver())
				.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeout).setTcpNoDelay(true).build())
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(timeout)
					.setSocketTimeout(timeout)
					.setValidateAfterInactivity(CHECKED_AFTER_IDLE)
					.build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(timeout)
				.setResponseTimeout(timeout)
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.disableConnectionState()
			.evictIdleConnections(CLOSED_AFTER_IDLE)
			.setUserAgent(WebhookSender.USER_AGENT)
			.build();
	}

}
