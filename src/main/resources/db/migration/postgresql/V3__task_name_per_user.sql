-- The name search filters by user first: a GIN index over (user_id, name trigrams) finds only the
-- user's matching rows, where the name-only trigram index found every user's (btree_gin is trusted).
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX IF EXISTS task_name_trgm;
CREATE INDEX task_user_name_trgm ON task USING gin (user_id, name gin_trgm_ops) WHERE deleted_at IS NULL;
