-- dialer: each task's call-record count, so the call list's unfiltered total is one row instead of
-- a count of every call of the task. Call records are never deleted, so only the engine's batch
-- writes change it, in the transaction that inserts the records.
CREATE TABLE call_record_total (
    task_id  BIGINT PRIMARY KEY REFERENCES task (id),
    total    BIGINT NOT NULL
);

INSERT INTO call_record_total (task_id, total)
SELECT task_id, count(*) FROM call_record GROUP BY task_id;
