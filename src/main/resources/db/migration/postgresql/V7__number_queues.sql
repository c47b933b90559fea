-- PostgreSQL: each claim order reads only the numbers it can take, through a partial index, so
-- millions of finished or waiting numbers never slow claiming.
CREATE INDEX task_number_fresh ON task_number (task_id, id) WHERE status = 'pending' AND attempts = 0;
CREATE INDEX task_number_fresh_random ON task_number (task_id, rnd) WHERE status = 'pending' AND attempts = 0;
CREATE INDEX task_number_redial ON task_number (task_id, next_attempt_at) WHERE status = 'pending' AND attempts > 0;
CREATE INDEX task_number_held ON task_number (claimed_by) WHERE status IN ('claimed', 'calling');
CREATE INDEX task_number_by_status ON task_number (task_id, status, id);
CREATE INDEX task_runtime_for_dialer ON task_runtime (task_id) WHERE number_count > 0 OR line_reserved OR call_status;
CREATE INDEX task_restart_due ON task (restart_at) WHERE restart_at IS NOT NULL AND deleted_at IS NULL;
