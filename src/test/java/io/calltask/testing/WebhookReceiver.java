package io.calltask.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for an integrator's webhook endpoint: it keeps every request it
 * receives and answers as the test says (by path). {@link #verify} checks a request's signature as the
 * Standard Webhooks libraries do.
 */
public final class WebhookReceiver implements AutoCloseable {

	/** One request as received. */
	public record Received(String path, String id, String timestamp, String signature, String body) {
	}

	/** What to do with a request: its status code, or -1 to close the connection without an answer. */
	private volatile Function<Received, Integer> answer = r -> 200;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	public WebhookReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(threads);
		server.createContext("/", this::handle);
		server.start();
	}

	/** {@code http://127.0.0.1:<port><path>}. */
	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	public WebhookReceiver answer(Function<Received, Integer> answer) {
		this.answer = answer;
		return this;
	}

	public List<Received> received() {
		return List.copyOf(received);
	}

	public List<Received> received(String path) {
		return received.stream().filter(r -> r.path().equals(path)).toList();
	}

	public void clear() {
		received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Received r = new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"), body);
			received.add(r);
			int status = answer.apply(r);
			if (status < 0) {
				return; // closed without an answer
			}
			byte[] reply = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, reply.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(reply);
			}
		}
	}

	/**
	 * Whether one of the request's {@code v1} signatures is the HMAC-SHA256 of {@code id.timestamp.body}
	 * under {@code secret} ({@code whsec_…}), compared in constant time, as the Standard Webhooks
	 * libraries verify.
	 */
	public static boolean verify(Received r, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			byte[] expected = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
			for (String part : r.signature().split(" ")) {
				if (part.startsWith("v1,")
						&& MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
					return true;
				}
			}
			return false;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}

}
