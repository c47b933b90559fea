-- PostgreSQL: partial indexes over live tasks in list order, and a trigram index for the
-- case-insensitive substring search on names (pg_trgm is a trusted extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX task_list_order ON task (user_id, is_top DESC, sort DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX task_list_by_enable ON task (user_id, enable, is_top DESC, sort DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX task_max_sort ON task (user_id, sort) WHERE deleted_at IS NULL;
CREATE INDEX task_name_trgm ON task USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX task_runtime_calling ON task_runtime (user_id) WHERE call_status;
