package io.calltask.dialer.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lease's rules on the real database (H2 and PostgreSQL): one holder at a time, a new token on
 * every acquisition, the fence refusing a term that is over, renewal only by the current term.
 * Each test has a cluster name of its own; leases of a few hundred milliseconds expire in real time.
 */
@SpringBootTest
@ActiveProfiles("test")
class DialerLeaseIntegrationTests {

	private static final Duration SHORT = Duration.ofMillis(400);

	@Autowired
	DialerLease lease;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	javax.sql.DataSource dataSource;

	private final String cluster = "lease-" + UUID.randomUUID();

	@Test
	void aHeldLeaseIsNotTakenUntilItExpiresAndThenPassesWithANewToken() throws InterruptedException {
		Term a = lease.acquire(cluster, "a", SHORT, false).orElseThrow();
		assertThat(a.previousHolder()).isNull();
		assertThat(lease.acquire(cluster, "b", SHORT, false)).as("held by a").isEmpty();
		Thread.sleep(SHORT.toMillis() + 100);
		Term b = lease.acquire(cluster, "b", Duration.ofSeconds(10), false).orElseThrow();
		assertThat(b.token()).isGreaterThan(a.token());
		assertThat(b.previousHolder()).as("whose claims and calls b takes over").isEqualTo("a");
		assertThat(lease.renew(a, SHORT)).as("a renewing a term that is over").isFalse();
		assertThatThrownBy(() -> fence(a)).as("a writing after b took over").isInstanceOf(LeaseLostException.class);
		fence(b);
	}

	@Test
	void anExpiredTermIsFencedOffEvenIfNobodyTookItsPlace() throws InterruptedException {
		Term a = lease.acquire(cluster, "a", SHORT, false).orElseThrow();
		fence(a);
		Thread.sleep(SHORT.toMillis() + 100);
		assertThatThrownBy(() -> fence(a)).isInstanceOf(LeaseLostException.class);
		assertThat(lease.renew(a, SHORT)).as("an expired lease is not renewed: a new term is taken").isFalse();
		Term again = lease.acquire(cluster, "a", SHORT, false).orElseThrow();
		assertThat(again.token()).isGreaterThan(a.token());
		assertThat(again.previousHolder()).isEqualTo("a");
	}

	@Test
	void renewingKeepsTheLeaseAndReleasingHandsItOnAtOnce() throws InterruptedException {
		Term a = lease.acquire(cluster, "a", SHORT, false).orElseThrow();
		for (int i = 0; i < 4; i++) {
			Thread.sleep(SHORT.toMillis() / 2);
			assertThat(lease.renew(a, SHORT)).isTrue();
		}
		assertThat(lease.acquire(cluster, "b", SHORT, false)).as("renewed past its first expiry").isEmpty();
		lease.release(a);
		Optional<Term> b = lease.acquire(cluster, "b", SHORT, false);
		assertThat(b).as("released: taken at once").isPresent();
		assertThatThrownBy(() -> fence(a)).isInstanceOf(LeaseLostException.class);
	}

	@Test
	void theEmbeddedDatabasesOneInstanceTakesTheLeaseWhoeverHeldIt() {
		Term a = lease.acquire(cluster, "a", Duration.ofSeconds(30), false).orElseThrow();
		Term b = lease.acquire(cluster, "b", Duration.ofSeconds(30), true).orElseThrow();
		assertThat(b.previousHolder()).isEqualTo("a");
		assertThatThrownBy(() -> fence(a)).isInstanceOf(LeaseLostException.class);
	}

	@Test
	@EnabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*")
	void noReadWaitsForeverOnASilentPostgresConnection() throws Exception {
		try (java.sql.Connection c = dataSource.getConnection()) {
			assertThat(c.getNetworkTimeout()).as("socketTimeout, ms")
				.isEqualTo(Integer.parseInt(ConnectionTimeouts.SOCKET_TIMEOUT_SECONDS) * 1000);
		}
	}

	private void fence(Term term) {
		transactions.executeWithoutResult(status -> lease.fence(term));
	}

}
