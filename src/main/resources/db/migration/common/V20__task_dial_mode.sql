-- Dialing paced by seats (API.md section 9): dial_mode as the user set it (null: the default, ratio
-- when bridge_proportion > 0 and a bridge group is set, else fixed), predictive's highest level of
-- lines per seat and its cap on the abandon rate (percent).
ALTER TABLE task ADD COLUMN dial_mode VARCHAR(16);
ALTER TABLE task ADD COLUMN max_dial_level DOUBLE PRECISION DEFAULT 3.0 NOT NULL;
ALTER TABLE task ADD COLUMN max_abandon_rate DOUBLE PRECISION DEFAULT 3.0 NOT NULL;
-- What the leading dialer last wrote of a task's pacing by seats (the task list's `pacing`): its
-- level of lines per seat, the seats available to it, and the day's answered and abandoned calls
-- (of pacing_day, in the service's zone; another day reads 0).
ALTER TABLE task_runtime ADD COLUMN dial_level DOUBLE PRECISION;
ALTER TABLE task_runtime ADD COLUMN seats_available INTEGER;
ALTER TABLE task_runtime ADD COLUMN answered_today INTEGER;
ALTER TABLE task_runtime ADD COLUMN abandoned_today INTEGER;
ALTER TABLE task_runtime ADD COLUMN pacing_day DATE;
