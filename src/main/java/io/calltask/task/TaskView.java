package io.calltask.task;

import java.util.UUID;

import io.calltask.api.JsonWritable;

/**
 * A task as the API shows it: the seed document's list item, which writes itself as JSON (the
 * list writes thousands of keys per page; writing them straight into the response bytes is several
 * times cheaper than building maps for Jackson to walk).
 */
public abstract class TaskView extends JsonWritable.Value {

	/** The task's uuid. */
	public abstract UUID id();

}
