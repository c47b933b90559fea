package io.calltask.api;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which webhook URLs and addresses are refused. */
class WebhookUrlsTests {

	@Test
	void onlyPlainHttpUrlsWithoutCredentials() {
		assertThat(WebhookUrls.problem("https://hooks.example.com/calltask?x=1", false)).isNull();
		assertThat(WebhookUrls.problem("http://hooks.example.com:8080/", false)).isNull();
		assertThat(WebhookUrls.problem("ftp://hooks.example.com/", false)).isNotNull();
		assertThat(WebhookUrls.problem("hooks.example.com/x", false)).isNotNull();
		assertThat(WebhookUrls.problem("http:///x", false)).isNotNull();
		assertThat(WebhookUrls.problem("http://user:secret@hooks.example.com/", false)).contains("用户名或密码");
		assertThat(WebhookUrls.problem("http://user:secret@hooks.example.com/", true)).as("not even when private is allowed")
			.isNotNull();
	}

	@Test
	void privateAddressesUnlessAllowed() {
		for (String url : new String[] { "http://127.0.0.1/", "http://localhost:8080/", "http://api.localhost/",
				"http://10.0.0.5/", "http://192.168.1.1/", "http://172.16.0.1/", "http://169.254.169.254/latest",
				"http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/", "http://[fd00::1]/", "http://100.64.0.1/" }) {
			assertThat(WebhookUrls.problem(url, false)).as(url).isNotNull();
			assertThat(WebhookUrls.problem(url, true)).as(url).isNull();
		}
		assertThat(WebhookUrls.problem("http://8.8.8.8/", false)).isNull();
		assertThat(WebhookUrls.problem("http://[2001:db8::1]/", false)).isNull();
	}

	@Test
	void resolvedAddresses() throws Exception {
		assertThat(WebhookUrls.refused(InetAddress.getByName("127.0.0.2"))).isTrue();
		assertThat(WebhookUrls.refused(InetAddress.getByName("10.9.8.7"))).isTrue();
		assertThat(WebhookUrls.refused(InetAddress.getByName("203.0.113.9"))).isFalse();
	}

}
