-- A name search's page walks the ordering index and tests the name stored in it (index-only),
-- stopping after one page of matches; its total is counted through the trigram index. Without the
-- name in this index, the page had to recheck every match in the table.
DROP INDEX IF EXISTS task_list_order;
CREATE INDEX task_list_order ON task (user_id, is_top DESC, sort DESC, id DESC) INCLUDE (name) WHERE deleted_at IS NULL;
