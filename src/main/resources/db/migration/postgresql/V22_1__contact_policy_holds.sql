-- PostgreSQL: numbers the contact policy holds back leave the never-called queues and wait in
-- their own, by due time, so a task whose numbers are all held is not walked again every claim.
DROP INDEX task_number_fresh;
CREATE INDEX task_number_fresh ON task_number (task_id, id)
    WHERE status = 'pending' AND attempts = 0 AND blocked_reason IS NULL;
DROP INDEX task_number_fresh_random;
CREATE INDEX task_number_fresh_random ON task_number (task_id, rnd)
    WHERE status = 'pending' AND attempts = 0 AND rnd IS NOT NULL AND blocked_reason IS NULL;
CREATE INDEX task_number_held_due ON task_number (task_id, next_attempt_at)
    WHERE status = 'pending' AND attempts = 0 AND blocked_reason IS NOT NULL;
