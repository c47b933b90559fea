package io.calltask.notify.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.calltask.notify.NotifySettings;
import io.calltask.testing.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One attempt on the wire, against a server that answers byte by byte as each test says: the signed
 * request, connections kept for the next attempt when the answer's body is short and announced,
 * closed when it is long, unannounced or late, the timeout from the request to the status line,
 * redirects not followed.
 */
class WebhookSenderTests {

	private static final Duration TIMEOUT = Duration.ofMillis(700);

	private static final String SECRET = TestSecrets.random();

	private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

	private final NotifySettings settings = new NotifySettings(TIMEOUT, List.of(Duration.ofSeconds(5)), 3, true,
			Duration.ofMillis(200), 16, 4, Duration.ofHours(24), Duration.ofDays(30));

	private final NotifyConfiguration configuration = new NotifyConfiguration();

	private PoolingHttpClientConnectionManager connections;

	private CloseableHttpClient http;

	private NotifyThreads senders;

	private NotifyThreads resolver;

	private WebhookSender sender;

	private Server server;

	@BeforeEach
	void start() throws IOException {
		connections = configuration.webhookConnections(settings);
		http = configuration.webhookHttpClient(connections);
		senders = configuration.notifySenders();
		resolver = configuration.notifyResolver();
		sender = new WebhookSender(http, resolver, senders, new ReceiverAddresses(settings), settings,
				Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));
		server = new Server();
	}

	@AfterEach
	void stop() throws IOException {
		server.close();
		http.close();
		connections.close();
		senders.close();
		resolver.close();
	}

	private EventStore.Due event(String path) {
		return new EventStore.Due(UUID.randomUUID(), 1, UUID.randomUUID(), CallFinishedEvents.TYPE, server.url(path),
				"{\"type\":\"call.finished\",\"data\":{\"task_name\":\"双十一\"}}", false, 0, "127.0.0.1:" + server.port());
	}

	private Attempts.Result send(EventStore.Due event) {
		return sender.send(event, List.of(SECRET)).orTimeout(10, TimeUnit.SECONDS).join();
	}

	@Test
	void aSignedPostAndItsConnectionKeptForTheNext() throws Exception {
		server.answer(request -> OK);
		EventStore.Due first = event("/hook");
		assertThat(send(first)).isEqualTo(Attempts.Result.status(200));
		for (int i = 0; i < 4; i++) {
			assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.status(200));
		}
		Request got = server.requests.get(0);
		assertThat(got.line()).isEqualTo("POST /hook HTTP/1.1");
		assertThat(got.headers()).containsEntry("content-type", "application/json")
			.containsEntry("user-agent", "calltask-webhooks")
			.containsEntry("webhook-id", first.id().toString())
			.containsEntry("webhook-timestamp", "1796601600");
		WebhookReceiver.Received received = new WebhookReceiver.Received("/hook", got.headers().get("webhook-id"),
				got.headers().get("webhook-timestamp"), got.headers().get("webhook-signature"), got.body());
		assertThat(got.body()).isEqualTo(first.body());
		assertThat(WebhookReceiver.verify(received, SECRET)).isTrue();
		assertThat(server.requests).hasSize(5).extracting(Request::connection).containsOnly(1);
	}

	@Test
	void aLongBodyIsNotReadAndClosesItsConnection() throws Exception {
		String big = "x".repeat((int) WebhookSender.SKIPPED_AT_MOST + 1);
		server.answer(request -> request.connection() == 1 ? "HTTP/1.1 200 OK\r\nContent-Length: " + big.length()
				+ "\r\n\r\n" + big.substring(0, 10) : OK);
		long started = System.nanoTime();
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.status(200));
		assertThat(server.closedByClient.poll(5, TimeUnit.SECONDS)).as("the first connection closed").isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not waiting for the rest").isLessThan(TIMEOUT);
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.status(200));
		assertThat(server.requests).extracting(Request::connection).containsExactly(1, 2);
	}

	@Test
	void aBodyOfUnknownLengthClosesItsConnection() throws Exception {
		server.answer(request -> request.connection() == 1
				? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + "y".repeat(1024) + "\r\n" : OK);
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.status(200));
		assertThat(server.closedByClient.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.status(200));
		assertThat(server.requests).extracting(Request::connection).containsExactly(1, 2);
	}

	@Test
	void aShortBodyNotAllInWithinTheTimeoutClosesItsConnection() throws Exception {
		server.answer(request -> request.connection() == 1 ? "HTTP/1.1 202 Accepted\r\nContent-Length: 10\r\n\r\nabc" : OK);
		long started = System.nanoTime();
		assertThat(send(event("/hook"))).as("the status is the result").isEqualTo(Attempts.Result.status(202));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
		assertThat(server.closedByClient.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50));
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.status(200));
		assertThat(server.requests).extracting(Request::connection).containsExactly(1, 2);
	}

	@Test
	void noStatusLineWithinTheTimeoutTimesOutAndClosesTheConnection() throws Exception {
		server.answer(request -> request.connection() == 1 ? null : OK); // the first never answers
		long started = System.nanoTime();
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.error("timed out"));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plusMillis(1500));
		assertThat(server.closedByClient.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.status(200));
	}

	@Test
	void aStatusLineThatTricklesInPastTheTimeoutTimesOut() throws Exception {
		server.answer(request -> {
			if (request.connection() > 1) {
				return OK;
			}
			for (char c : "HTTP/1.1 200 OK\r\n".toCharArray()) {
				request.write(String.valueOf(c));
				sleep(TIMEOUT.toMillis() / 5);
			}
			return "Content-Length: 2\r\n\r\nok";
		});
		long started = System.nanoTime();
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.error("timed out"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusMillis(1500));
	}

	@Test
	void redirectsAreNotFollowedAndErrorsAreSaid() throws Exception {
		server.answer(request -> "HTTP/1.1 302 Found\r\nLocation: " + server.url("/elsewhere") + "\r\nContent-Length: 0\r\n\r\n");
		assertThat(send(event("/hook"))).isEqualTo(Attempts.Result.status(302));
		assertThat(server.requests).extracting(Request::line).containsExactly("POST /hook HTTP/1.1");

		server.answer(request -> "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n");
		assertThat(send(event("/hook"))).as("not retried by the client").isEqualTo(Attempts.Result.status(503));
		assertThat(server.requests).hasSize(2);

		server.answer(request -> ""); // closed without a status line
		Attempts.Result closed = send(event("/hook"));
		assertThat(closed.statusCode()).isNull();
		assertThat(closed.error()).isNotEqualTo("timed out");

		int port;
		try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = gone.getLocalPort(); // nobody listens there once closed
		}
		EventStore.Due nobody = new EventStore.Due(UUID.randomUUID(), 1, UUID.randomUUID(), CallFinishedEvents.TYPE,
				"http://127.0.0.1:" + port + "/hook", "{}", false, 0, "127.0.0.1:" + port);
		Attempts.Result refused = send(nobody);
		assertThat(refused.statusCode()).isNull();
		assertThat(refused.error()).contains("Connect");
	}

	@Test
	void privateAddressesAreRefusedUnlessAllowed() throws Exception {
		NotifySettings strict = new NotifySettings(TIMEOUT, List.of(Duration.ofSeconds(5)), 3, false,
				Duration.ofMillis(200), 16, 4, Duration.ofHours(24), Duration.ofDays(30));
		WebhookSender checked = new WebhookSender(http, resolver, senders, new ReceiverAddresses(strict), strict,
				Clock.systemUTC());
		server.answer(request -> OK);
		Attempts.Result result = checked.send(event("/hook"), List.of(SECRET)).join();
		assertThat(result.statusCode()).isNull();
		assertThat(result.error()).isNotNull();
		assertThat(server.requests).isEmpty();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A request as received: which connection (from 1) carried it. */
	record Request(int connection, String line, Map<String, String> headers, String body, OutputStream out) {

		void write(String text) {
			try {
				out.write(text.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			catch (IOException ex) {
				// the client went
			}
		}

	}

	/**
	 * An HTTP/1.1 server on a socket of its own: each request is answered with the text that
	 * {@code answer} gives (null: never; the connection is kept open), written as is.
	 */
	static final class Server implements AutoCloseable {

		final List<Request> requests = new CopyOnWriteArrayList<>();

		/** The connections the client closed, by number, as the server sees their end. */
		final BlockingQueue<Integer> closedByClient = new LinkedBlockingQueue<>();

		private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final AtomicInteger connections = new AtomicInteger();

		private volatile Function<Request, String> answer = request -> OK;

		Server() throws IOException {
			Thread acceptor = new Thread(this::accept, "test-webhook-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		void answer(Function<Request, String> answer) {
			this.answer = answer;
		}

		int port() {
			return socket.getLocalPort();
		}

		String url(String path) {
			return "http://127.0.0.1:" + port() + path;
		}

		private void accept() {
			while (!socket.isClosed()) {
				try {
					Socket s = socket.accept();
					accepted.add(s);
					int number = connections.incrementAndGet();
					Thread t = new Thread(() -> serve(s, number), "test-webhook-connection-" + number);
					t.setDaemon(true);
					t.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket s, int number) {
			try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
				while (true) {
					String head = head(in);
					if (head == null) {
						closedByClient.add(number);
						return;
					}
					String[] lines = head.split("\r\n");
					Map<String, String> headers = new HashMap<>();
					for (int i = 1; i < lines.length; i++) {
						int colon = lines[i].indexOf(':');
						headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
					}
					byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
					Request request = new Request(number, lines[0], headers, new String(body, StandardCharsets.UTF_8), out);
					requests.add(request);
					String reply = answer.apply(request);
					if (reply == null) {
						closedByClient.add(drain(in) ? number : -number);
						return;
					}
					if (reply.isEmpty()) {
						return; // closed without an answer
					}
					request.write(reply);
				}
			}
			catch (IOException ex) {
				closedByClient.add(number); // reset by the client
			}
		}

		/** Reads until the client closes; true if it did (not the server). */
		private boolean drain(InputStream in) {
			try {
				while (in.read() >= 0) {
					// nothing is expected
				}
				return true;
			}
			catch (IOException ex) {
				return !socket.isClosed();
			}
		}

		/** The request line and headers, or null at the end of the connection. */
		private static String head(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) >= 0) {
				head.write(b);
				int n = head.size();
				byte[] bytes = head.toByteArray();
				if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
					return new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1);
				}
			}
			return null;
		}

		@Override
		public void close() throws IOException {
			socket.close();
			for (Socket s : accepted) {
				s.close();
			}
		}

	}

}
