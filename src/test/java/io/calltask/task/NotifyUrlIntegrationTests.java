package io.calltask.task;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's notify URLs as the API takes them: a URL that is not http(s), holds credentials or points
 * at a private address ({@code calltask.notify.allow-private} is false here, as by default) is a 422
 * naming the field, and nothing stored changes.
 */
class NotifyUrlIntegrationTests extends ApiIntegrationTest {


	@Test
	void badNotifyUrlsAreRefusedByField() {
		for (String url : new String[] { "ftp://hooks.example.com/x", "http://user:pw@hooks.example.com/x",
				"http://127.0.0.1:9000/x", "http://192.168.0.10/x", "http://localhost/x", "http://[::1]/x" }) {
			ApiClient.Response r = api.post(userPath("/task"),
					Map.of("name", "通知" + System.nanoTime(), "call_notify_url", url, "call_stop_notify_url", url));
			assertThat(r.status()).as(url + ": " + r.text()).isEqualTo(422);
			assertThat(r.errorsOf("call_notify_url")).as(url).isNotEmpty();
			assertThat(r.errorsOf("call_stop_notify_url")).as(url).isNotEmpty();
		}
	}

	@Test
	void aGoodUrlIsKeptAndABadUpdateChangesNothing() {
		ApiClient.Response created = api.post(userPath("/task"), Map.of("name", "通知任务",
				"call_notify_url", "https://hooks.example.com/calls", "call_notify_type", 2));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String task = created.data().get("uuid").stringValue();
		ApiClient.Response bad = api.put(userPath("/task/" + task), Map.of("call_notify_url", "http://10.0.0.1/x",
				"name", "改名"));
		assertThat(bad.status()).as(bad.text()).isEqualTo(422);
		var stored = api.get(userPath("/task/" + task)).data();
		assertThat(stored.get("call_notify_url").stringValue()).isEqualTo("https://hooks.example.com/calls");
		assertThat(stored.get("name").stringValue()).isEqualTo("通知任务");
	}

}
