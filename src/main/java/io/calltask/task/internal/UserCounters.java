package io.calltask.task.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.calltask.agent.UserCreated;

/** Gives every new user its task counters in the transaction that creates the user. */
@Component
class UserCounters {

	private final TaskRepository tasks;

	UserCounters(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@EventListener
	void onUserCreated(UserCreated event) {
		tasks.createCounters(event.userId());
	}

}
