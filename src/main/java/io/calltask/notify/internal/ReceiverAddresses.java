package io.calltask.notify.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

import io.calltask.api.WebhookUrls;
import io.calltask.notify.NotifySettings;

/**
 * Whether an event may go where its URL points: the URL itself ({@link WebhookUrls#problem}), and,
 * unless {@code allow-private}, every address its host resolves to at the time of the attempt, so a
 * name that pointed outside when the task was saved cannot point at loopback, private or link-local
 * addresses now.
 */
@Component
class ReceiverAddresses {

	private final NotifySettings settings;

	ReceiverAddresses(NotifySettings settings) {
		this.settings = settings;
	}

	/** Why the URL is refused before anything is looked up, or null. */
	String problem(String url) {
		return WebhookUrls.problem(url, settings.allowPrivate());
	}

	/**
	 * Why the host's addresses are refused, or null; a host that does not resolve is left to the
	 * connection. Blocks while the name is looked up.
	 */
	String refused(String host) {
		if (settings.allowPrivate()) {
			return null;
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (WebhookUrls.refused(address)) {
					return "address refused: " + host + " is " + address.getHostAddress()
							+ " (calltask.notify.allow-private is false)";
				}
			}
			return null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
