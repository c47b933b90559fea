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

	/** Answer that closes the connection without a status line. */
	public static final int CLOSE = -1;

	/** Answer 200 and a body that does not end (until the client goes, or 1 GiB). */
	public static final int ENDLESS = -2;

	/** Answer 302 to {@code /redirected}. */
	public static final int REDIRECT = -3;

	/** What to do with a request: its status code, or one of {@link #CLOSE}, {@link #ENDLESS}, {@link #REDIRECT}. */
	private volatile Function<Received, Integer> answer = r -> 200;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	public WebhookReceiver() throws IOException {
		this(0);
	}

	/** On {@code port} (0: any free one). */
	public WebhookReceiver(int port) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
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
			if (status == CLOSE) {
				return; // closed without an answer
			}
			if (status == ENDLESS) {
				exchange.sendResponseHeaders(200, 0);
				byte[] chunk = new byte[1 << 20];
				try (OutputStream out = exchange.getResponseBody()) {
					for (int i = 0; i < 1024; i++) {
						out.write(chunk);
					}
				}
				catch (IOException gone) {
					// the client stopped reading: what is expected
				}
				return;
			}
			if (status == REDIRECT) {
				exchange.getResponseHeaders().add("Location", url("/redirected"));
				status = 302;
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
