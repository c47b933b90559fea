import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for the benchmarks: answers every POST 200 after DELAY_MS, counts requests and
 * distinct webhook-ids, and writes "<requests> <distinct ids>" to COUNT_FILE every second.
 * Run with the JDK alone: java bench/WebhookSink.java PORT DELAY_MS COUNT_FILE
 */
public class WebhookSink {

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		long delay = Long.parseLong(args[1]);
		Path countFile = Path.of(args[2]);
		AtomicLong requests = new AtomicLong();
		Set<String> ids = ConcurrentHashMap.newKeySet();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
		server.setExecutor(Executors.newFixedThreadPool(400));
		server.createContext("/", exchange -> {
			try (exchange; InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
				requests.incrementAndGet();
				String id = exchange.getRequestHeaders().getFirst("webhook-id");
				if (id != null) {
					ids.add(id);
				}
				Thread.sleep(delay);
				exchange.sendResponseHeaders(200, 2);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write("ok".getBytes());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		server.start();
		Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(() -> {
			try {
				Files.writeString(countFile, requests.get() + " " + ids.size() + "\n");
			}
			catch (IOException ex) {
				// next second
			}
		}, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
	}

}
