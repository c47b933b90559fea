package io.calltask.freeswitch.realswitch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real FreeSWITCH of {@code ../shared/freeswitch} (started by {@code up}, as {@code .ci/run} does):
 * where it listens, whether it is there, a one-shot {@code api} command over its Event Socket, and
 * the rig's scripts to kill and restart it. Independent of the production ESL client on purpose: the
 * tests check the gateway against the switch, not against itself.
 */
public final class RealSwitch {

	public static final String HOST = env("CALLTASK_TEST_FREESWITCH_HOST", "127.0.0.1");

	public static final int PORT = Integer.parseInt(env("CALLTASK_TEST_FREESWITCH_PORT", "8021"));

	public static final String PASSWORD = env("CALLTASK_TEST_FREESWITCH_PASSWORD", "ClueCon");

	/** The rig's run directory: logs, pid files, the callee's SIP message log. */
	public static final Path RUN_DIR = Path.of(env("CALLTASK_TEST_FREESWITCH_RUN", "/tmp/freeswitch-test"));

	/** Why the real-switch tests are skipped when no switch answers. */
	public static final String HOW_TO_RUN = "no FreeSWITCH answers on " + HOST + ":" + PORT
			+ ": the real-switch tests are skipped. Run them with ../shared/freeswitch/up, then mvn -B verify"
			+ " (.ci/run does both; docs/FREESWITCH.md shows the switch they expect)";

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private RealSwitch() {
	}

	/** Whether a switch answers on its Event Socket with an auth request. */
	public static boolean reachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 1000);
			socket.setSoTimeout(2000);
			return readFrame(socket.getInputStream()).contains("auth/request");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** {@code api <command>} on a connection of its own; the reply's body. */
	public static String api(String command) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), (int) TIMEOUT.toMillis());
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			readFrame(in);
			out.write(("auth " + PASSWORD + "\n\n").getBytes(StandardCharsets.UTF_8));
			String auth = readFrame(in);
			if (!auth.contains("+OK")) {
				throw new IllegalStateException("FreeSWITCH refused the password: " + auth);
			}
			out.write(("api " + command + "\n\n").getBytes(StandardCharsets.UTF_8));
			String head = readFrame(in);
			int length = contentLength(head);
			return length <= 0 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("api " + command + " failed: " + ex, ex);
		}
	}

	/** How many channels the switch has whose line of {@code show channels} contains {@code text}. */
	public static int channelsWith(String text) {
		int n = 0;
		for (String line : api("show channels").split("\n")) {
			if (line.contains(text)) {
				n++;
			}
		}
		return n;
	}

	/** The rig's scripts ({@code up}, {@code down}): CALLTASK_FREESWITCH_RIG, else ../shared/freeswitch of the checkout. */
	public static Path rig() {
		String configured = System.getenv("CALLTASK_FREESWITCH_RIG");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		Path beside = Path.of("").toAbsolutePath().getParent().resolve("shared/freeswitch");
		return Files.isExecutable(beside.resolve("up")) ? beside : Path.of("/work/shared/freeswitch");
	}

	/** Kills the switch (-9), as a crash would. */
	public static void kill() throws IOException, InterruptedException {
		String pid = Files.readString(RUN_DIR.resolve("freeswitch.pid")).strip();
		run("kill", "-9", pid);
		for (int i = 0; i < 100 && reachable(); i++) {
			Thread.sleep(100);
		}
	}

	/** Starts the switch again with the rig's {@code up} (which waits until it answers). */
	public static void start() throws IOException, InterruptedException {
		run(rig().resolve("up").toString(), RUN_DIR.toString());
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
			p.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
	}

	/** One frame's headers (up to the blank line), without its body. */
	private static String readFrame(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed");
			}
			if (b == '\n' && previous == '\n') {
				return head.toString(StandardCharsets.UTF_8);
			}
			head.write(b);
			previous = b;
		}
	}

	private static int contentLength(String head) {
		for (String line : head.split("\n")) {
			if (line.startsWith("Content-Length:")) {
				return Integer.parseInt(line.substring("Content-Length:".length()).strip());
			}
		}
		return -1;
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? otherwise : value;
	}

}
