package io.calltask.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between one client and a server, that a test can cut: {@link #cut()} closes every
 * connection and refuses new ones (the client's network to the server is gone), {@link #restore()}
 * accepts again. Used to take a database away from one service process while it lives.
 */
public final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket server;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	public TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread accept = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
		accept.setDaemon(true);
		accept.start();
	}

	public int port() {
		return server.getLocalPort();
	}

	/** Closes every relayed connection; new ones are closed as soon as they arrive. */
	public void cut() {
		cut = true;
		for (Socket s : open) {
			closeQuietly(s);
		}
		open.clear();
	}

	public void restore() {
		cut = false;
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				if (cut) {
					closeQuietly(client);
					continue;
				}
				Socket upstream = new Socket(targetHost, targetPort);
				open.add(client);
				open.add(upstream);
				relay(client, upstream);
				relay(upstream, client);
			}
			catch (IOException ex) {
				// closed, or the server refused: the client sees its connection close
			}
		}
	}

	private void relay(Socket from, Socket to) {
		Thread t = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					out.write(buffer, 0, n);
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				open.remove(from);
				open.remove(to);
			}
		}, "tcp-proxy-relay");
		t.setDaemon(true);
		t.start();
	}

	private static void closeQuietly(Socket s) {
		try {
			s.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		server.close();
	}

}
