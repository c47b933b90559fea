package io.calltask.api;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What a webhook URL may be: {@code http} or {@code https}, with a host, without credentials, and,
 * unless private addresses are allowed ({@code calltask.notify.allow-private}), not pointing at a
 * loopback, private, link-local or unspecified address. A host name is only judged by name here
 * ({@code localhost}); what it resolves to is judged when an event is sent to it.
 */
public final class WebhookUrls {

	private WebhookUrls() {
	}

	/** Why {@code text} is not a webhook URL, or null if it is one. */
	public static String problem(String text, boolean allowPrivate) {
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			return "必须是 http:// 或 https:// 开头的网址";
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| uri.getHost() == null || uri.getHost().isEmpty()) {
			return "必须是 http:// 或 https:// 开头的网址";
		}
		if (uri.getRawUserInfo() != null) {
			return "网址中不能包含用户名或密码";
		}
		if (allowPrivate) {
			return null;
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (host.equals("localhost") || host.endsWith(".localhost")) {
			return "不能指向本机或内网地址";
		}
		InetAddress literal = literal(host);
		return literal != null && refused(literal) ? "不能指向本机或内网地址" : null;
	}

	/** Whether a request to {@code address} is refused: loopback, private, link-local, unspecified. */
	public static boolean refused(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first == 0 || (first == 100 && second >= 64 && second < 128); // "this network", carrier-grade NAT
		}
		return (b[0] & 0xfe) == 0xfc; // IPv6 unique local (fc00::/7)
	}

	/** The address an IP literal names (brackets of IPv6 removed), or null for a host name. */
	private static InetAddress literal(String host) {
		String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		boolean ipv4 = h.matches("[0-9.]+");
		boolean ipv6 = h.contains(":");
		if (!ipv4 && !ipv6) {
			return null;
		}
		try {
			return InetAddress.getByName(h); // a literal: no lookup
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
