-- PostgreSQL: the blacklist finds a user's numbers by phone through a hash index (a few bytes
-- per number, no ordering to maintain) instead of a B-tree on (user_id, phone), whose random-order
-- inserts made up a quarter of a large import's time. The user is checked on the rows found.
DROP INDEX task_number_by_user_phone;
CREATE INDEX task_number_by_phone ON task_number USING hash (phone);
