-- Bumped by every task write of the user, in the same transaction: lets the list keep cached
-- page anchors exactly as long as the user's list is unchanged.
ALTER TABLE task_count ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
