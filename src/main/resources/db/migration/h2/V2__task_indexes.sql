-- H2 (embedded default): the same access paths without partial or trigram indexes.
CREATE INDEX task_list_order ON task (user_id, deleted_at, is_top DESC, sort DESC, id DESC);
CREATE INDEX task_list_by_enable ON task (user_id, deleted_at, enable, is_top DESC, sort DESC, id DESC);
CREATE INDEX task_runtime_calling ON task_runtime (user_id, call_status);
