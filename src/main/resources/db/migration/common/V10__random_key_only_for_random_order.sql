-- A number's random-order key (rnd) is drawn only for tasks that dial in random order (pop_mode 0);
-- other numbers keep it NULL and stay out of the random-order index.
ALTER TABLE task_number ALTER COLUMN rnd DROP NOT NULL;
