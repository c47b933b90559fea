package io.calltask.schedule;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.calltask.schedule.internal.TimeGroupRepository;
import io.calltask.time.DateTimes;

/** Time groups as other modules need them: created, and found by id for one user. */
@Service
public class TimeGroups {

	private final TimeGroupRepository groups;

	private final DateTimes time;

	TimeGroups(TimeGroupRepository groups, DateTimes time) {
		this.groups = groups;
		this.time = time;
	}

	public TimeGroup create(UUID userId, String name, WeeklySchedule schedule) {
		long id = groups.insert(userId, name, schedule, time.nowForStorage());
		return find(userId, id).orElseThrow();
	}

	public Optional<TimeGroup> find(UUID userId, long id) {
		return groups.find(userId, id);
	}

}
