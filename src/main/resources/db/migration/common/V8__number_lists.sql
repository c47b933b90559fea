-- dialer: what the number, blacklist and call record APIs need beyond V6/V7.

-- One row per user whose numbers or blacklist were written. Imports hold it shared, blacklist
-- changes exclusively, so an import and a blacklist change of the same user never interleave:
-- a number imported while its phone is being blacklisted is filtered either way.
CREATE TABLE number_user_lock (
    user_id  UUID PRIMARY KEY
);

-- Call records of one phone in a task (the call list's phone= filter), newest first. (The number
-- list needs no index of its own: it reads task_number_by_status, one status at a time, and every
-- index on task_number slows imports.)
CREATE INDEX call_record_by_task_phone ON call_record (task_id, phone, id);
