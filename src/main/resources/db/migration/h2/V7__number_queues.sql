-- H2 (embedded default): the same access paths without partial indexes.
CREATE INDEX task_number_fresh ON task_number (task_id, status, attempts, id);
CREATE INDEX task_number_fresh_random ON task_number (task_id, status, attempts, rnd);
CREATE INDEX task_number_redial ON task_number (task_id, status, next_attempt_at);
CREATE INDEX task_number_held ON task_number (claimed_by, status);
CREATE INDEX task_number_by_status ON task_number (task_id, status, id);
CREATE INDEX task_runtime_for_dialer ON task_runtime (number_count, line_reserved, call_status);
CREATE INDEX task_restart_due ON task (restart_at);
