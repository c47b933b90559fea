package io.calltask.notify.internal;

import java.net.http.HttpClient;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.calltask.notify.NotifySettings;

/**
 * The webhooks' settings and threads: the dispatcher's own thread, the senders (one per attempt in
 * progress), the HTTP client's workers and the resolver threads that look receivers' addresses up (a
 * lookup blocks). They close with the application, after the {@link Dispatcher} has stopped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifySettings.class)
class NotifyConfiguration {

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
	NotifyThreads notifyWorkers() {
		return NotifyThreads.named("notify-worker", 4);
	}

	@Bean(destroyMethod = "close")
	NotifyThreads notifyResolver() {
		return NotifyThreads.named("notify-resolver", 8);
	}

	/**
	 * The one client every attempt goes through: its connections to a receiver are kept and reused.
	 * Not closed (Java 21's {@code close()} would wait for attempts in progress): its workers are.
	 */
	@Bean(destroyMethod = "")
	HttpClient webhookHttpClient(NotifySettings settings, @Qualifier("notifyWorkers") NotifyThreads workers) {
		return HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(workers.executor())
			.build();
	}

}
