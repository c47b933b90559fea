package io.calltask.dialer.number;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.calltask.contact.ContactPolicyChanged;
import io.calltask.time.DateTimes;

/**
 * A user's contact policy changed: the numbers it held back are due again at once, in the change's
 * transaction, so the next claim looks at them under the new policy (and holds them anew if it says
 * so) instead of keeping the old hold's end.
 */
@Component
class ContactHolds {

	private final JdbcClient jdbc;

	private final DateTimes time;

	ContactHolds(JdbcClient jdbc, DateTimes time) {
		this.jdbc = jdbc;
		this.time = time;
	}

	@EventListener
	void on(ContactPolicyChanged changed) {
		OffsetDateTime now = OffsetDateTime.ofInstant(time.now(), ZoneOffset.UTC);
		jdbc.sql("UPDATE task_number SET next_attempt_at = :now, updated_at = :now WHERE user_id = :user "
				+ "AND status = 'pending' AND blocked_reason IS NOT NULL AND next_attempt_at > :now")
			.param("now", now)
			.param("user", changed.userId())
			.update();
	}

}
