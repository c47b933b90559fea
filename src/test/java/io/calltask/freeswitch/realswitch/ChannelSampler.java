package io.calltask.freeswitch.realswitch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the switch's channels for some numbers, every 100 ms on a thread of its own, whatever the
 * service is doing (even while it is dead): the most channels each number had at once, and every
 * channel uuid seen.
 */
final class ChannelSampler implements AutoCloseable {

	private final List<String> phones;

	private final Map<String, Integer> mostAtOnce = new ConcurrentHashMap<>();

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	/** Channel uuids of the numbers in the last sample. */
	private volatile Set<String> upNow = Set.of();

	private final Thread thread;

	private volatile boolean running = true;

	ChannelSampler(List<String> phones) {
		this.phones = phones;
		this.thread = new Thread(this::run, "channel-sampler");
		this.thread.setDaemon(true);
	}

	ChannelSampler start() {
		thread.start();
		return this;
	}

	private void run() {
		while (running) {
			try {
				sample();
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// the switch did not answer this time: the next sample tells
			}
		}
	}

	private void sample() {
		Map<String, Integer> count = new HashMap<>();
		Set<String> ids = ConcurrentHashMap.newKeySet();
		// "show channels": a header, then uuid,direction,created,…,name,… per channel
		for (String line : RealSwitch.api("show channels").split("\n")) {
			for (String phone : phones) {
				if (line.contains(phone)) {
					count.merge(phone, 1, Integer::sum);
					ids.add(line.substring(0, line.indexOf(',')));
				}
			}
		}
		count.forEach((phone, n) -> mostAtOnce.merge(phone, n, Math::max));
		seen.addAll(ids);
		upNow = ids;
	}

	int upNow() {
		return upNow.size();
	}

	Set<String> upIds() {
		return Set.copyOf(upNow);
	}

	Set<String> seenIds() {
		return Set.copyOf(seen);
	}

	Map<String, Integer> mostAtOnce() {
		return Map.copyOf(mostAtOnce);
	}

	@Override
	public void close() throws InterruptedException {
		running = false;
		thread.interrupt();
		thread.join(5000);
	}

}
