package io.calltask.notify.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.calltask.notify.NotifySettings;

/**
 * One attempt of one event: the URL and its host's addresses checked ({@link ReceiverAddresses}, the
 * lookup on the resolver threads), then the signed POST on the one HTTP client
 * ({@link NotifyConfiguration#webhookHttpClient}), made and waited for on a sender thread; bounded by
 * {@code timeout} each (the lookup; from the request to the answer's status line, past which the
 * request is cancelled and its connection closed). Redirects are not followed. The attempt's result is
 * the status line: the answer's body is never read. A body of at most {@value #SKIPPED_AT_MOST}
 * bytes, as its {@code Content-Length} says, is skipped afterwards so that its connection carries the
 * next attempt; any other body, or one not all in within {@code timeout}, closes its connection.
 */
@Component
class WebhookSender {

	/** The longest body skipped to keep its connection. */
	static final long SKIPPED_AT_MOST = 64 * 1024;

	static final String USER_AGENT = "calltask-webhooks";

	/** At most this many URLs' checks are kept (then forgotten, all at once). */
	private static final int URLS_KEPT = 10_000;

	/** The URLs checked, each with its result. */
	private final Map<String, Checked> urls = new ConcurrentHashMap<>();

	private final CloseableHttpClient http;

	private final NotifyThreads resolver;

	private final NotifyThreads senders;

	private final ReceiverAddresses addresses;

	private final NotifySettings settings;

	private final Clock clock;

	private final RequestConfig requestConfig;

	WebhookSender(CloseableHttpClient webhookHttpClient, @Qualifier("notifyResolver") NotifyThreads resolver,
			@Qualifier("notifySenders") NotifyThreads senders, ReceiverAddresses addresses, NotifySettings settings,
			Clock clock) {
		this.http = webhookHttpClient;
		this.resolver = resolver;
		this.senders = senders;
		this.addresses = addresses;
		this.settings = settings;
		this.clock = clock;
		this.requestConfig = NotifyConfiguration.requestConfig(settings);
	}

	/** Sends {@code due} signed with {@code signingSecrets}; completes with its result, never exceptionally. */
	CompletableFuture<Attempts.Result> send(EventStore.Due due, List<String> signingSecrets) {
		Checked checked = checked(due.url());
		if (checked.problem() != null) {
			return CompletableFuture.completedFuture(Attempts.Result.refused(checked.problem()));
		}
		URI uri = checked.uri();
		HttpHost target = checked.target();
		long timeout = settings.timeout().toMillis();
		// With private addresses allowed there is nothing to look up: no trip to the resolver threads.
		CompletableFuture<String> refusedAddress = settings.allowPrivate() ? CompletableFuture.completedFuture(null)
				: CompletableFuture.supplyAsync(() -> addresses.refused(uri.getHost()), resolver.executor())
					.orTimeout(timeout, TimeUnit.MILLISECONDS);
		return refusedAddress
			.thenCompose(refused -> refused != null ? CompletableFuture.completedFuture(Attempts.Result.refused(refused))
					: post(target, uri, due, signingSecrets))
			.exceptionally(error -> Attempts.Result.error(describe(error)));
	}

	/** A URL as parsed and checked before anything is looked up: its URI, or why it is refused. */
	private record Checked(URI uri, HttpHost target, String problem) {
	}

	/**
	 * The URL parsed and checked ({@link ReceiverAddresses#problem}, which depends on its text only),
	 * once for all the events that go there: the receivers of a busy instance are few.
	 */
	private Checked checked(String url) {
		Checked checked = urls.get(url);
		if (checked == null) {
			checked = check(url);
			if (urls.size() >= URLS_KEPT) {
				urls.clear();
			}
			urls.put(url, checked);
		}
		return checked;
	}

	private Checked check(String url) {
		String problem = addresses.problem(url);
		if (problem != null) {
			return new Checked(null, null, problem);
		}
		try {
			URI uri = URI.create(url);
			return new Checked(uri, HttpHost.create(uri), null);
		}
		catch (IllegalArgumentException ex) {
			return new Checked(null, null, "not a URL");
		}
	}

	/**
	 * The POST on a sender thread: completes with the answer's status, or exceptionally (an error, or
	 * the timeout: then the request is cancelled, which closes its connection and ends the wait).
	 */
	private CompletableFuture<Attempts.Result> post(HttpHost target, URI uri, EventStore.Due due,
			List<String> signingSecrets) {
		HttpPost request = request(uri, due, signingSecrets);
		CompletableFuture<Attempts.Result> answered = new CompletableFuture<>();
		senders.executor().execute(() -> exchange(target, request, answered));
		return answered.orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((result, error) -> {
			if (error != null) {
				request.cancel();
			}
		});
	}

	/**
	 * Sends the request and completes {@code answered} with the status line: after the body when it
	 * came with it (the connection is back in the pool for the next attempt), else before waiting
	 * for the body.
	 */
	private void exchange(HttpHost target, HttpPost request, CompletableFuture<Attempts.Result> answered) {
		ClassicHttpResponse response;
		try {
			response = http.executeOpen(target, request, null);
		}
		catch (IOException | RuntimeException ex) {
			answered.completeExceptionally(ex);
			return;
		}
		try {
			Attempts.Result status = Attempts.Result.status(response.getCode());
			HttpEntity body = response.getEntity();
			long length = body == null ? 0 : body.getContentLength();
			if (length < 0 || length > SKIPPED_AT_MOST) {
				request.cancel(); // not read: its connection closed
				answered.complete(status);
			}
			else if (length == 0 || allIn(body, length)) {
				consume(request, body);
				answered.complete(status);
			}
			else {
				answered.complete(status);
				skip(request, body);
			}
		}
		finally {
			try {
				response.close(); // the connection back to the pool, unless cancelled (closed)
			}
			catch (IOException ex) {
				// the connection is closed: nothing else to do
			}
		}
	}

	/**
	 * A body of at most {@value #SKIPPED_AT_MOST} bytes, as announced, still coming: read and dropped
	 * within {@code timeout}, so its connection carries the next attempt, else the request is
	 * cancelled, which closes its connection.
	 */
	private void skip(HttpPost request, HttpEntity body) {
		CompletableFuture<Void> skipped = new CompletableFuture<Void>().orTimeout(settings.timeout().toMillis(),
				TimeUnit.MILLISECONDS);
		skipped.whenComplete((done, late) -> {
			if (late != null) {
				request.cancel();
			}
		});
		try {
			consume(request, body);
		}
		finally {
			skipped.complete(null);
		}
	}

	/** Whether the whole body is already read from the connection (buffered). */
	private static boolean allIn(HttpEntity body, long length) {
		try {
			return body.getContent().available() >= length;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void consume(HttpPost request, HttpEntity body) {
		if (body == null) {
			return;
		}
		try {
			EntityUtils.consume(body);
		}
		catch (IOException ex) {
			request.cancel();
		}
	}

	/** The POST, its headers as Standard Webhooks has them; the body the bytes signed. */
	private HttpPost request(URI uri, EventStore.Due due, List<String> signingSecrets) {
		String id = due.id().toString();
		long timestamp = clock.instant().getEpochSecond();
		byte[] body = due.body().getBytes(StandardCharsets.UTF_8);
		HttpPost post = new HttpPost(uri);
		post.setConfig(requestConfig);
		post.setHeader("Content-Type", "application/json");
		post.setHeader("User-Agent", USER_AGENT);
		post.setHeader("webhook-id", id);
		post.setHeader("webhook-timestamp", Long.toString(timestamp));
		post.setHeader("webhook-signature", Signatures.header(signingSecrets, id, timestamp, body));
		post.setEntity(new ByteArrayEntity(body, null));
		return post;
	}

	private static String describe(Throwable error) {
		Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
		// A read, a connection or a connection from the pool that took too long, or the request cancelled at the timeout
		if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
			return "timed out";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
	}

}
