package io.calltask.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as an operator runs it: a separate {@code java} process of the application on this
 * test's class path, in a working directory of its own (so the embedded default keeps its data
 * under its {@code data/}), killed with SIGKILL as a crash would. Its output goes to
 * {@code service.log} in that directory. Its connection pool is smaller than the default (6).
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path dir;

	private final List<String> arguments;

	private final Map<String, String> environment;

	private final int port;

	private Process process;

	/** {@code environment} is added to this JVM's; {@code arguments} are Spring properties ({@code --name=value}). */
	public ServiceProcess(Path dir, Map<String, String> environment, List<String> arguments) {
		this.dir = dir;
		this.environment = environment;
		this.port = freePort();
		this.arguments = arguments;
	}

	public int port() {
		return port;
	}

	/** Starts the process and waits (at most two minutes) until its health endpoint answers UP. */
	public ServiceProcess start() throws IOException, InterruptedException {
		launch();
		return awaitUp();
	}

	/** Starts the process without waiting for it (several at the same moment: then {@link #awaitUp()} each). */
	public ServiceProcess launch() throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("io.calltask.CalltaskApplication");
		command.add("--server.port=" + port);
		// Several processes and the suite's own Spring contexts share one PostgreSQL server (100
		// connections by default): a small pool each.
		command.add("--spring.datasource.hikari.maximum-pool-size=6");
		command.add("--spring.datasource.hikari.minimum-idle=2");
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Path log = dir.resolve("service.log");
		Files.writeString(log, "---- start\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		process = builder.start();
		return this;
	}

	/** Waits (at most two minutes) until the health endpoint answers UP; fails if the process exits. */
	public ServiceProcess awaitUp() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (!healthy()) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the service exited (" + process.exitValue() + "): " + tail());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the service did not come up in two minutes: " + tail());
			}
			Thread.sleep(200);
		}
		return this;
	}

	/**
	 * Waits (polling every 50 ms) until {@code condition} holds; past {@code timeout}, fails with what
	 * it waited for and the end of this service's log.
	 */
	public void await(java.util.function.BooleanSupplier condition, Duration timeout, String what)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what + "; the service's log:\n" + tail());
			}
			Thread.sleep(50);
		}
	}

	/** Whether the process has ended, and its exit code then. */
	public boolean exited() {
		return !process.isAlive();
	}

	/** Waits at most {@code timeout} for the process to end; its exit code, or null if it did not. */
	public Integer awaitExit(Duration timeout) throws InterruptedException {
		return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
	}

	/** SIGSTOP: the process stands still (a long pause, a frozen VM) until {@link #resume()}. */
	public void suspend() throws IOException, InterruptedException {
		signal("STOP");
	}

	/** SIGCONT. */
	public void resume() throws IOException, InterruptedException {
		signal("CONT");
	}

	private void signal(String name) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
		if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
		}
	}

	/**
	 * The {@code dialer} component of {@code /actuator/health} ({@code /actuator/health/dialer}, which
	 * answers without the database): "leader" or "standby"; null if it does not answer.
	 */
	public String dialerRole() {
		String health = health();
		if (health == null) {
			return null;
		}
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"role\"\\s*:\\s*\"(\\w+)\"").matcher(health);
		return m.find() ? m.group(1) : null;
	}

	/** The node id this instance shows in {@code /actuator/health}. */
	public String nodeId() {
		String health = health();
		java.util.regex.Matcher m = health == null ? null
				: java.util.regex.Pattern.compile("\"node_id\"\\s*:\\s*\"([^\"]+)\"").matcher(health);
		return m != null && m.find() ? m.group(1) : null;
	}

	private String health() {
		try {
			HttpResponse<String> r = HTTP.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/dialer"))
						.timeout(Duration.ofSeconds(2))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return r.body();
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** SIGKILL: no shutdown hook, no flush, nothing said to FreeSWITCH. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the service did not die");
		}
	}

	private boolean healthy() {
		try {
			HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.ofString());
			return r.statusCode() == 200 && r.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The last lines of the service's log, for a failure's message. */
	public String tail() {
		try {
			List<String> lines = Files.readAllLines(dir.resolve("service.log"), StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (process != null && process.isAlive()) {
			kill();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
