package io.calltask.notify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.calltask.notify.NotifySettings;

/**
 * One attempt of one event: the URL and its host's addresses checked ({@link ReceiverAddresses}, the
 * lookup on the resolver threads, apart from the HTTP client's), then the signed POST on the one
 * {@link HttpClient}; bounded by {@code timeout} each (the lookup; the connection and the answer's
 * status line). Redirects are not followed and the answer's body is never read.
 */
@Component
class WebhookSender {

	private final HttpClient http;

	private final NotifyThreads resolver;

	private final ReceiverAddresses addresses;

	private final NotifySettings settings;

	private final Clock clock;

	WebhookSender(HttpClient webhookHttpClient, @Qualifier("notifyResolver") NotifyThreads resolver,
			ReceiverAddresses addresses, NotifySettings settings, Clock clock) {
		this.http = webhookHttpClient;
		this.resolver = resolver;
		this.addresses = addresses;
		this.settings = settings;
		this.clock = clock;
	}

	/** Sends {@code due} signed with {@code signingSecrets}; completes with its result, never exceptionally. */
	CompletableFuture<Attempts.Result> send(EventStore.Due due, List<String> signingSecrets) {
		URI uri;
		try {
			uri = URI.create(due.url());
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.completedFuture(Attempts.Result.refused("not a URL"));
		}
		String problem = addresses.problem(due.url());
		if (problem != null) {
			return CompletableFuture.completedFuture(Attempts.Result.refused(problem));
		}
		long timeout = settings.timeout().toMillis();
		HttpRequest request = request(uri, due, signingSecrets);
		return CompletableFuture.supplyAsync(() -> addresses.refused(uri.getHost()), resolver.executor())
			.orTimeout(timeout, TimeUnit.MILLISECONDS)
			.thenCompose(refused -> refused != null ? CompletableFuture.completedFuture(Attempts.Result.refused(refused))
					: http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
						.orTimeout(timeout, TimeUnit.MILLISECONDS)
						.thenApply(WebhookSender::answered))
			.exceptionally(error -> Attempts.Result.error(describe(error)));
	}

	/** The POST, its headers as Standard Webhooks has them. */
	private HttpRequest request(URI uri, EventStore.Due due, List<String> signingSecrets) {
		String id = due.id().toString();
		long timestamp = clock.instant().getEpochSecond();
		return HttpRequest.newBuilder(uri)
			.timeout(settings.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "calltask-webhooks")
			.header("webhook-id", id)
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", Signatures.header(signingSecrets, id, timestamp, due.body()))
			.POST(HttpRequest.BodyPublishers.ofString(due.body()))
			.build();
	}

	private static Attempts.Result answered(HttpResponse<InputStream> response) {
		try {
			response.body().close(); // the body is not read, whatever its size
		}
		catch (IOException ex) {
			// closing is best effort
		}
		return Attempts.Result.status(response.statusCode());
	}

	private static String describe(Throwable error) {
		Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
		if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
			return "timed out";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
	}

}
