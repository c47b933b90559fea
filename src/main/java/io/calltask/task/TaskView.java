package io.calltask.task;

import java.util.UUID;

import tools.jackson.databind.JacksonSerializable;

/**
 * A task as the API shows it: the seed document's list item, which writes itself as JSON (the
 * list renders thousands of keys per page; writing them straight to the response is several
 * times cheaper than building maps for Jackson to walk).
 */
public abstract class TaskView extends JacksonSerializable.Base {

	/** The task's uuid. */
	public abstract UUID id();

}
