package io.calltask.notify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.calltask.notify.NotifySettings;

/**
 * One attempt of one event: the URL and its host's addresses checked ({@link ReceiverAddresses}, the
 * lookup on the resolver threads, apart from the HTTP client's), then the signed POST on the one
 * {@link HttpClient}, waited for on a sender thread; bounded by {@code timeout} each (the lookup; the
 * connection and the answer's status line). Redirects are not followed. The attempt's result is the
 * status line: the answer's body is never read. A body of at most {@value #SKIPPED_AT_MOST} bytes, as
 * its {@code Content-Length} says, is skipped afterwards so that its connection carries the next
 * attempt (before, every attempt opened a connection of its own); any other body, or one not all in
 * within {@code timeout}, closes its connection.
 */
@Component
class WebhookSender {

	/** The longest body skipped to keep its connection. */
	static final long SKIPPED_AT_MOST = 64 * 1024;

	private final HttpClient http;

	private final NotifyThreads resolver;

	private final NotifyThreads senders;

	private final ReceiverAddresses addresses;

	private final NotifySettings settings;

	private final Clock clock;

	WebhookSender(HttpClient webhookHttpClient, @Qualifier("notifyResolver") NotifyThreads resolver,
			@Qualifier("notifySenders") NotifyThreads senders, ReceiverAddresses addresses, NotifySettings settings,
			Clock clock) {
		this.http = webhookHttpClient;
		this.resolver = resolver;
		this.senders = senders;
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
		// With private addresses allowed there is nothing to look up: no trip to the resolver threads.
		CompletableFuture<String> refusedAddress = settings.allowPrivate() ? CompletableFuture.completedFuture(null)
				: CompletableFuture.supplyAsync(() -> addresses.refused(uri.getHost()), resolver.executor())
					.orTimeout(timeout, TimeUnit.MILLISECONDS);
		return refusedAddress
			.thenCompose(refused -> refused != null ? CompletableFuture.completedFuture(Attempts.Result.refused(refused))
					: CompletableFuture.supplyAsync(() -> post(request), senders.executor())
						.orTimeout(timeout, TimeUnit.MILLISECONDS))
			.exceptionally(error -> Attempts.Result.error(describe(error)));
	}

	/**
	 * The POST, waited for on a sender thread (bounded by the request's timeout), not
	 * {@code sendAsync}: that hands every answer to the common pool, which on two cores or fewer starts
	 * a new thread for each (seen in a profile of the pacing benchmark).
	 */
	private Attempts.Result post(HttpRequest request) {
		try {
			return Attempts.Result.status(http.send(request, this::notRead).statusCode());
		}
		catch (IOException ex) {
			throw new CompletionException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CompletionException(ex);
		}
	}

	/** The answer's body, never read: skipped if short and announced, else its connection closed at once. */
	private HttpResponse.BodySubscriber<Void> notRead(HttpResponse.ResponseInfo answer) {
		long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
		if (length >= 0 && length <= SKIPPED_AT_MOST) {
			return new Skipped(settings.timeout());
		}
		return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), WebhookSender::closed);
	}

	private static Void closed(InputStream body) {
		try {
			body.close(); // closes the connection, whatever is still to come
		}
		catch (IOException ex) {
			// closing is best effort
		}
		return null;
	}

	/**
	 * A body skipped as it comes, the answer complete without it; when it is all in, its connection
	 * goes back to the client's pool. Cancelled (the connection closed) if not all in within the
	 * timeout.
	 */
	private static final class Skipped implements HttpResponse.BodySubscriber<Void> {

		private final CompletableFuture<Void> skipped = new CompletableFuture<>();

		private final Duration timeout;

		Skipped(Duration timeout) {
			this.timeout = timeout;
		}

		@Override
		public CompletionStage<Void> getBody() {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			skipped.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, late) -> {
				if (late != null) {
					subscription.cancel();
				}
			});
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> item) {
			// skipped
		}

		@Override
		public void onError(Throwable throwable) {
			skipped.complete(null);
		}

		@Override
		public void onComplete() {
			skipped.complete(null);
		}

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

	private static String describe(Throwable error) {
		Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
		if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
			return "timed out";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
	}

}
