package io.calltask.schedule;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.calltask.schedule.internal.TimeGroupRepository;

/** Time groups as other modules need them: found by id, for one user. */
@Service
public class TimeGroups {

	private final TimeGroupRepository groups;

	TimeGroups(TimeGroupRepository groups) {
		this.groups = groups;
	}

	public Optional<TimeGroup> find(UUID userId, long id) {
		return groups.find(userId, id);
	}

}
