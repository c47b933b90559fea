-- Loads the list benchmark's data set into a migrated calltask database:
-- 10,000 users of one agent, 1,000,000 live tasks; user 1 owns 100,000 of them.
-- 1 % of every user's tasks have "双十一" in their name; half are enabled; all use the seed's hours.
-- psql variables: agent (the agent's uuid).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO app_user (id, agent_id, name, created_at)
SELECT md5('bench-user-' || g)::uuid, :'agent', 'bench user ' || g, now()
  FROM generate_series(1, 10000) g;

INSERT INTO bot_group (user_id, name, is_default, created_at, updated_at)
VALUES (md5('bench-user-1')::uuid, '测试模型', true, now(), now());

INSERT INTO line (id, user_id, name, gateway, node_id, cps, line_limit, caller_number, created_at, updated_at)
VALUES (md5('bench-line-1')::uuid, md5('bench-user-1')::uuid, '测试站ip对接线路', 'gw1',
        '2533f3f6-7ac1-4b55-b1de-7d308ce00d89', 10, 10, '20000', now(), now());

INSERT INTO task (uuid, user_id, name, enable, maximumcall, cps, dial_time_id, destination_extension,
    destination_dialplan, destination_context, dial_format, remark, sort, originate_variables,
    originate_timeout, origination_caller_id_number, call_notify_type, call_pause_second,
    call_notify_fail_stop, is_test, is_top, empty_seat_stop, task_type, line_callee,
    bridge_maximumcall, bridge_proportion, direct_bridge, direct_bridge_echo, enable_type,
    is_group_switch, is_call_in, start_time, stop_time, work_week, work_hour, remote_work_hour,
    holiday, pop_mode, created_at, updated_at)
SELECT md5('bench-task-' || g)::uuid,
       CASE WHEN g <= 100000 THEN md5('bench-user-1')::uuid
            ELSE md5('bench-user-' || (2 + g % 9999))::uuid END,
       CASE WHEN g % 100 = 0 THEN '双十一促销外呼-' || g ELSE '测试api接口创建-' || g END,
       g % 2 = 0, 1, 1, NULL,
       CASE WHEN g <= 100000 THEN (SELECT id FROM bot_group WHERE user_id = md5('bench-user-1')::uuid) END,
       'XML', 'default', '', NULL, g / 10, '{execute_on_media=start_da}', 60, '20000', 2, 0, 0, false,
       CASE WHEN g % 50000 = 0 THEN 1 ELSE 0 END, 0, 6, '', 0, 0, 0, 0, 0, 0, 0,
       timestamptz '2024-11-01 13:25:26+08', timestamptz '2025-11-01 13:25:26+08',
       '[1,2,3,4,5,6,0]',
       '[{"end":"19:00","wday":1,"begin":"03:00"},{"end":"23:30","wday":1,"begin":"20:00"},{"end":"19:00","wday":2,"begin":"03:00"},{"end":"19:00","wday":3,"begin":"03:00"},{"end":"23:30","wday":3,"begin":"20:00"},{"end":"19:00","wday":4,"begin":"03:00"},{"end":"23:30","wday":4,"begin":"20:00"},{"end":"19:00","wday":5,"begin":"03:00"},{"end":"19:00","wday":6,"begin":"03:00"},{"end":"19:00","wday":0,"begin":"03:00"}]',
       '[{"wday":"-1","begin":"03:00","end":"19:00"},{"wday":1,"begin":"20:00","end":"23:30"},{"wday":3,"begin":"20:00","end":"23:30"},{"wday":4,"begin":"20:00","end":"23:30"}]',
       '[]', 1,
       timestamptz '2024-12-04 11:17:34+08' + g * interval '1 second',
       timestamptz '2024-12-04 11:17:37+08' + g * interval '1 second'
  FROM generate_series(1, 1000000) g;

-- The big user's tasks each dial through its line.
INSERT INTO task_line (task_id, line_id, position, line_limit)
SELECT id, md5('bench-line-1')::uuid, 0, NULL FROM task WHERE user_id = md5('bench-user-1')::uuid;

-- The counters the service keeps in every write transaction, computed once for the bulk load.
INSERT INTO task_count (user_id, live, enabled)
SELECT user_id, count(*), count(*) FILTER (WHERE enable) FROM task WHERE deleted_at IS NULL GROUP BY user_id
ON CONFLICT (user_id) DO UPDATE SET live = EXCLUDED.live, enabled = EXCLUDED.enabled;
COMMIT;
VACUUM ANALYZE;
