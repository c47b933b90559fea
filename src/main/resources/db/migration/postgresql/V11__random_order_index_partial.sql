-- PostgreSQL: the random-order index holds only numbers that have a random-order key.
DROP INDEX task_number_fresh_random;
CREATE INDEX task_number_fresh_random ON task_number (task_id, rnd)
    WHERE status = 'pending' AND attempts = 0 AND rnd IS NOT NULL;
