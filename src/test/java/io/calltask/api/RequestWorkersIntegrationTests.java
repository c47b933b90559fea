package io.calltask.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Tomcat runs the requests on the request workers. */
class RequestWorkersIntegrationTests extends ApiIntegrationTest {

	@Autowired
	RequestWorkers.Pool pool;

	@Test
	void requestsRunOnTheRequestWorkers() {
		long before = pool.getCompletedTaskCount();
		for (int i = 0; i < 5; i++) {
			assertThat(api.get(userPath("/task")).status()).isEqualTo(200);
		}
		// A worker counts its task done just after the answer has left, and one task may serve
		// several requests of a kept-alive connection: at least one task, then.
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (pool.getCompletedTaskCount() == before && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(pool.getCompletedTaskCount()).isGreaterThan(before);
	}

}
