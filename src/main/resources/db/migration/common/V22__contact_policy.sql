-- contact: each user's contact policy (API.md section 10) and, per (user, phone in E.164), the
-- calls placed to that phone across all of the user's tasks and lines. Owned by the contact module.

-- A user's policy as last PUT, keys left out already resolved to the deployment's defaults at that
-- time. No row: the deployment's defaults. window_begin/window_end: minutes of the day (end 1440 =
-- 24:00), both null = no window. NULL max_* = no limit.
CREATE TABLE contact_policy (
    user_id               UUID PRIMARY KEY,
    max_per_day           INTEGER,
    max_per_week          INTEGER,
    min_interval_minutes  INTEGER NOT NULL,
    window_begin          INTEGER,
    window_end            INTEGER,
    timezone_source       VARCHAR(10) NOT NULL,
    optout_to_blacklist   BOOLEAN NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The calls placed to one phone of one user. count_day / count_week: the callee-local date and
-- week (its Monday) the counts are of; a call on a later day or week starts them again. The row is
-- locked (SELECT ... FOR UPDATE) by the transaction that writes a call's start, so counts are exact
-- across tasks, lines and instances. last_callid lets a call that never left the switch give its
-- start back (last_call_at returns to previous_call_at).
CREATE TABLE contact_count (
    user_id           UUID NOT NULL,
    phone_e164        VARCHAR(24) NOT NULL,
    count_day         DATE,
    day_calls         INTEGER NOT NULL,
    count_week        DATE,
    week_calls        INTEGER NOT NULL,
    last_call_at      TIMESTAMP WITH TIME ZONE,
    last_callid       UUID,
    previous_call_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_id, phone_e164)
);

-- dialer: a number's phone in E.164 (filled at import; NULL for numbers imported before: readers
-- fall back to the raw phone), and why the contact policy holds a pending number back until
-- next_attempt_at (contact_limit, contact_interval, callee_window; NULL when nothing holds it).
ALTER TABLE task_number ADD COLUMN phone_e164 VARCHAR(24);
ALTER TABLE task_number ADD COLUMN blocked_reason VARCHAR(16);
