package io.calltask.dialer.engine;

import java.util.List;
import java.util.Map;

import java.sql.Connection;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.calltask.dialer.simulated.SimulatedGateway;
import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the shipped {@code calltask.contact.optout-to-blacklist} (true): the phone joins the user's
 * blacklist with the call, the number that opted out ends called, never redialed, and the same person
 * waiting in the user's tasks, however written and redials included, is filtered; another user's
 * numbers are not.
 */
class OptoutIntegrationTests extends OptoutTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void theCalleeWhoOptsOutJoinsTheBlacklistAndIsFilteredInEveryTaskOfTheUser() {
		assertThat(gateway).isInstanceOf(SimulatedGateway.class);
		Scenario s = new Scenario(this);
		s.run();

		JsonNode entry = only(api.get(userPath("/blacklist")).json());
		assertThat(entry.get("phone").stringValue()).isEqualTo(PHONE);
		assertThat(entry.get("reason").stringValue()).isEqualTo("optout");
		assertThat(entry.get("create_datetime").stringValue()).isNotBlank();
		JsonNode call = only(api.get(userPath("/task/" + s.dialing + "/call")).json());
		assertThat(entry.get("callid").stringValue()).as("the call it opted out in").isEqualTo(call.get("callid").stringValue());
		assertThat(call.get("outcome").stringValue()).isEqualTo("answered");

		// called once, not redialed though its rule redials answered calls; its other spelling waiting
		// for a redial in its own task is filtered
		assertThat(statuses(s.dialing)).containsExactly(Map.entry(PHONE, "called"), Map.entry("+86" + PHONE, "filtered"));
		assertThat(statuses(s.other)).containsExactly(Map.entry("+86" + PHONE, "filtered"),
				Map.entry("0086" + PHONE, "filtered"), Map.entry("13900000002", "pending"));
		assertThat(extra(s.dialing).get("number_count").intValue()).isZero();
		assertThat(extra(s.other).get("number_count").intValue()).isEqualTo(1);
		// another user's number of the same phone is theirs to call
		assertThat(s.otherUsersStatus()).isEqualTo("pending");

		// a number of that person imported later is filtered at once
		ApiClient.Response later = api.post(userPath("/task/" + s.other + "/number"),
				Map.of("numbers", List.of(Map.of("phone", "86" + PHONE))));
		assertThat(later.status()).as(later.text()).isEqualTo(200);
		assertThat(statuses(s.other).get("86" + PHONE)).isEqualTo("filtered");
	}

	@Test
	void aNumberOfThePersonImportedWhileItOptsOutIsFilteredOnceTheImportEnds() throws Exception {
		Scenario s = new Scenario(this);
		UUID user = UUID.fromString(userId);
		long other = jdbc.sql("SELECT id FROM task WHERE uuid = ?").param(UUID.fromString(s.other)).query(Long.class).single();
		try (Connection importing = dataSource.getConnection()) {
			// An import of the user under way: it holds the user's number lock and has stored a number of
			// that person, not yet committed, when the callee opts out.
			importing.setAutoCommit(false);
			try (PreparedStatement lock = importing.prepareStatement(
					"SELECT user_id FROM number_user_lock WHERE user_id = ? FOR UPDATE")) {
				lock.setObject(1, user);
				lock.executeQuery().close();
			}
			try (PreparedStatement insert = importing.prepareStatement("INSERT INTO task_number (task_id, user_id, "
					+ "phone, status, attempts, answered, created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, FALSE, "
					+ "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
				insert.setLong(1, other);
				insert.setObject(2, user);
				insert.setString(3, "86" + PHONE);
				insert.executeUpdate();
			}
			s.run(); // the engine does not wait for the import
			assertThat(only(api.get(userPath("/blacklist")).json()).get("reason").stringValue()).isEqualTo("optout");
			assertThat(statuses(s.dialing).get(PHONE)).isEqualTo("called");
			try (PreparedStatement count = importing.prepareStatement(
					"UPDATE task_runtime SET number_count = number_count + 1 WHERE task_id = ?")) {
				count.setLong(1, other);
				count.executeUpdate();
			}
			importing.commit();
		}
		run(Duration.ofSeconds(2));
		assertThat(statuses(s.other).get("86" + PHONE)).isEqualTo("filtered");
		assertThat(extra(s.other).get("number_count").intValue()).isEqualTo(1);
	}

}
