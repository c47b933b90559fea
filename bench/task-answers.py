#!/usr/bin/env python3
"""The task API's answers, byte for byte, from two builds on the same data (issue 12: the task's
shape moved from hand-written writers to records Jackson writes; no answer may change).

  bench/task-answers.py setup   DIR CLASSPATH       # data made through the API of one build, saved in DIR
  bench/task-answers.py capture DIR CLASSPATH OUT   # every answer of a build on a copy of that data, into OUT

CLASSPATH runs the service (a jar, or target/classes plus the dependencies). Then
`diff -r OUT_OLD OUT_NEW` (or cmp each file): bodies are compared as sent; in the answers of writes
(creates, updates, start, pause) the new tasks' uuids and the datetimes of the run are replaced by
placeholders, since they differ from run to run. Headers (minus Date) are in *.headers.
The service runs on H2 under DIR with the dialer stopped, so nothing moves between the two runs.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from datetime import datetime

KEY = "ct_answers_key_0123456789abcdef0123456789abcdef"
PORT = int(os.environ.get("PORT", "18731"))
H2_OPTS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE"
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def start(classpath, db_dir, log):
    env = dict(os.environ, AGENT_API_KEY=KEY, CALLTASK_API_RATE_LIMIT_REQUESTS_PER_SECOND="0",
               LOGGING_LEVEL_ROOT="WARN")
    cmd = ["java", "-Xmx512m"] + (["-jar", classpath] if classpath.endswith(".jar") else
                                   ["-cp", classpath, "io.calltask.CalltaskApplication"])
    cmd += ["--server.port=%d" % PORT, "--calltask.dialer.auto-run=false",
            "--spring.datasource.url=jdbc:h2:file:%s/calltask;%s" % (db_dir, H2_OPTS)]
    proc = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, env=env)
    for _ in range(180):
        if proc.poll() is not None:
            sys.exit("service ended; see " + log)
        try:
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            c.request("GET", "/actuator/health")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            pass
        time.sleep(1)
    proc.terminate()
    sys.exit("service did not start within 180 s")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def call(method, path, body=None, content_type="application/json"):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    headers = {"Authorization": "Bearer " + KEY}
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode()
        headers["Content-Type"] = content_type
    c.request(method, path, body=data, headers=headers)
    r = c.getresponse()
    return r.status, [(k, v) for k, v in r.getheaders() if k.lower() != "date"], r.read()


def ok(method, path, body=None):
    status, _, raw = call(method, path, body)
    if status >= 300:
        sys.exit("%s %s: %d %s" % (method, path, status, raw.decode()))
    return json.loads(raw)["data"]


def setup(db_dir, classpath):
    shutil.rmtree(db_dir, ignore_errors=True)
    os.makedirs(db_dir)
    proc = start(classpath, db_dir, db_dir + "/setup.log")
    try:
        ids = make_data()
    finally:
        stop(proc)
    h2 = next(p for p in classpath.split(":") if "/h2-" in p) if not classpath.endswith(".jar") else classpath
    sql = db_dir + "/runtime.sql"
    with open(sql, "w") as f:
        # What the dialer would have written: a task dialing (call_status) with statistics on its two
        # lines and on a line that is gone since; another waiting; numbers counted.
        f.write("INSERT INTO task_runtime (task_id, user_id, call_status, number_count, cache_number_count, "
                "line_reserved, updated_at) SELECT id, user_id, TRUE, 1234, 56, FALSE, created_at FROM task "
                "WHERE uuid = '%s';\n" % ids["full"])
        f.write("INSERT INTO task_runtime (task_id, user_id, call_status, number_count, cache_number_count, "
                "line_reserved, updated_at) SELECT id, user_id, FALSE, 7, 0, TRUE, created_at FROM task "
                "WHERE uuid = '%s';\n" % ids["waiting"])
        for line, n in ((ids["line1"], 1), (ids["line2"], 2), (ids["gone_line"], 3)):
            f.write("INSERT INTO task_line_stats (task_id, line_id, call_status, dialed_number_total, answer_total, "
                    "gateway_error_hangup_total, normal_hangup_total, bill, calling_count, answering_count, "
                    "updated_at) SELECT id, '%s', %d, %d, %d, %d, %d, %d, %d, %d, created_at FROM task "
                    "WHERE uuid = '%s';\n" % (line, n % 2, 100 * n, 40 * n, 3 * n, 37 * n, 123456 * n, n, n - 1,
                                             ids["full"]))
    subprocess.run(["java", "-cp", h2, "org.h2.tools.RunScript", "-url",
                    "jdbc:h2:file:%s/calltask;%s" % (db_dir, H2_OPTS), "-user", "sa", "-script", sql], check=True)
    with open(db_dir + "/ids.json", "w") as f:
        json.dump(ids, f, indent=1)


def make_data():
    users = {}
    for name in ("客户A", "客户B"):
        users[name] = ok("POST", "/agent-api/user", {"name": name})["user_id"]
    a, b = users["客户A"], users["客户B"]
    pa, pb = "/agent-api/new/user/%s" % a, "/agent-api/new/user/%s" % b
    ids = {"user": a, "other_user": b}
    ids["line1"] = ok("POST", pa + "/line", {"name": "线路一", "gateway": "carrier_a", "node_id": "fs1", "cps": 20,
                                             "limit": 30, "caller_number": "+8610000"})["line_id"]
    ids["line2"] = ok("POST", pa + "/line", {"name": "线路二", "gateway": "carrier_b", "node_id": "fs2",
                                             "limit": 5})["line_id"]
    ids["spare_line"] = ok("POST", pa + "/line", {"name": "空闲线路", "gateway": "gw", "node_id": "fs1"})["line_id"]
    ids["gone_line"] = str(uuid.UUID(int=0x1234))
    ids["other_line"] = ok("POST", pb + "/line", {"name": "别人的线路", "gateway": "gw", "node_id": "fs1"})["line_id"]
    ids["group"] = ok("POST", pa + "/group", {"name": "默认话术", "default": True})["id"]
    ids["group2"] = ok("POST", pa + "/group", {"name": "第二话术"})["id"]
    ids["other_group"] = ok("POST", pb + "/group", {"name": "别人的话术"})["id"]
    ids["rule"] = ok("POST", pa + "/recycle-rule", {"name": "未接重呼", "interval_minutes": 30, "max_times": 2,
                                                     "hangup_causes": ["NO_ANSWER", "USER_BUSY"],
                                                     "call_statuses": ["no_answer"]})["id"]
    ids["other_rule"] = ok("POST", pb + "/recycle-rule", {"name": "别人的规则"})["id"]
    ids["llm"] = ok("POST", pa + "/llm-intention", {"name": "意向", "labels": {"A": "有明确意向", "C": "一般"}})["id"]
    ids["other_llm"] = ok("POST", pb + "/llm-intention", {"name": "别人的", "labels": {"B": "x"}})["id"]
    ids["background"] = ok("POST", pa + "/background", {"name": "办公室", "url": "https://example.com/office.wav"})["id"]
    ids["other_background"] = ok("POST", pb + "/background", {"name": "别人的", "url": "https://example.com/b.wav"})["id"]
    ids["time_group"] = ok("POST", pa + "/dial-time", {"name": "工作日", "work_week": [1, 2, 3, 4, 5],
                                                        "work_hour": [{"wday": d, "begin": "09:00", "end": "12:00"}
                                                                      for d in range(1, 6)]})["id"]
    ids["full"] = ok("POST", pa + "/task", full_task(ids))["uuid"]
    ids["minimal"] = ok("POST", pa + "/task", {"name": "最小任务"})["uuid"]
    ids["odd"] = ok("POST", pa + "/task", {
        "name": "引号\"反斜杠\\😀 </script>", "enable": False, "pop_mode": 2, "cps": 7,
        "work_week": [0, 6], "work_hour": [{"wday": 0, "begin": "00:00", "end": "23:59"},
                                           {"wday": 6, "begin": "22:00", "end": "24:00"}],
        "line": [{"id": ids["line2"], "limit": 5}], "destination_extension": str(ids["group2"]),
        "llm_intention_id": 0, "background_id": 0, "originate_variables": "",
        "holiday": None, "sort": -5, "is_test": True,
        "remark": "多语言 é ß \u2028 \\u0041"})["uuid"]
    ids["waiting"] = ok("POST", pa + "/task", {"name": "等待中的双十一", "enable": True, "line": [ids["line1"]],
                                                "call_per_second": 3, "end_action": 2})["uuid"]
    for i in range(12):
        ok("POST", pa + "/task", {"name": ("双十一批次%d" if i % 3 == 0 else "批次%d") % i, "enable": i % 2 == 0,
                                  "sort": 100 + i if i % 4 == 0 else None, "is_top": 1 if i == 5 else 0})
    ok("POST", pb + "/task", {"name": "别人的任务"})
    return ids


def full_task(ids):
    return {"name": "双十一促销外呼", "enable": True, "maximumcall": 20, "cps": 5, "pop_mode": 0,
            "line": [ids["line1"], {"id": ids["line2"], "limit": 3}], "caller_line_id": ids["line1"],
            "destination_extension": str(ids["group"]), "destination_dialplan": "XML",
            "destination_context": "default", "dial_format": "0%s", "remark": "备注 a\"b",
            "sort": 42, "originate_variables": "{execute_on_media=start_da}", "_originate_timeout": 45,
            "_origination_caller_id_number": "+86100", "auto_recycle_rule_id": ids["rule"],
            "clue_configuration_id": "clue-1", "call_notify_url": "https://example.com/notify?a=1&b=2",
            "call_notify_type": 1, "call_pause_second": 3, "call_stop_notify_url": "https://example.com/stop",
            "call_notify_fail_stop": 1, "bridge_group_id": 9, "is_test": False, "is_top": 1, "empty_seat_stop": 1,
            "background_file_id": "bf1", "background_file_name": "背景.wav", "end_action": 1, "task_type": 7,
            "line_callee": "123", "mode_id": 4, "bridge_maximumcall": 2, "bridge_proportion": 50,
            "direct_bridge": 1, "direct_bridge_echo": 1, "llm_intention_id": ids["llm"],
            "restart_at": "2030-01-02 03:04:05", "enable_type": 1, "background_id": ids["background"],
            "is_group_switch": 1, "is_call_in": 1, "dial_time_id": ids["time_group"],
            "start_time": "2026-01-01 00:00:00", "stop_time": "2031-12-31 23:59:59",
            "holiday": [{"begin": "2026-10-01 00:00:00", "end": "2026-10-08 00:00:00"}]}


def capture(db_dir, classpath, out):
    work = out + ".db"
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    shutil.copytree(db_dir, work)
    ids = json.load(open(db_dir + "/ids.json"))
    known = set(UUID_RE.findall(json.dumps(ids)))
    proc = start(classpath, work, out + ".log")
    began = time.time()
    try:
        answers(ids, out, known, began)
    finally:
        stop(proc)
        shutil.rmtree(work, ignore_errors=True)


def answers(ids, out, known, began):
    pa = "/agent-api/new/user/%s" % ids["user"]
    t = pa + "/task"
    n = [0]

    def save(name, method, path, body=None, write=False, content_type="application/json"):
        n[0] += 1
        status, headers, raw = call(method, path, body, content_type)
        if write:
            raw = normalize(raw.decode(), known, began).encode()
            headers = [(k, "<length>" if k.lower() == "content-length" else v) for k, v in headers]
        base = "%s/%02d-%s" % (out, n[0], name)
        with open(base + ".json", "wb") as f:
            f.write(raw)
        with open(base + ".headers", "w") as f:
            f.write("%d\n" % status + "".join("%s: %s\n" % h for h in headers))
        return raw

    # Reads: compared as sent.
    for name, query in (("list", ""), ("list-per-page-2", "?per_page=2"), ("list-page-2", "?page=2&per_page=3"),
                        ("list-all", "?per_page=1000"), ("list-status-1", "?status=1"), ("list-status-2", "?status=2"),
                        ("list-status-3", "?status=3"), ("list-status-array", "?status[]=1&status[]=3"),
                        ("list-status-comma", "?status=1,2"), ("list-name", "?name=%E5%8F%8C%E5%8D%81%E4%B8%80"),
                        ("list-name-status", "?name=%E6%89%B9%E6%AC%A1&status=3&per_page=2&page=2"),
                        ("list-past-end", "?page=99"), ("list-bad-status", "?status=9"),
                        ("list-bad-page", "?page=0&per_page=abc"), ("list-long-name", "?name=" + "x" * 101)):
        save(name, "GET", t + query)
    for name in ("full", "minimal", "odd", "waiting"):
        save("get-" + name, "GET", "%s/%s" % (t, ids[name]))
        save("edit-" + name, "GET", "%s/%s/edit" % (t, ids[name]))
    save("get-unknown", "GET", "%s/%s" % (t, uuid.UUID(int=1)))
    save("get-malformed", "GET", t + "/not-a-uuid")
    save("get-unknown-user", "GET", "/agent-api/new/user/%s/task" % uuid.UUID(int=2))

    # Errors of writes: nothing is written, compared as sent.
    save("create-invalid", "POST", t, {"name": "", "cps": 0, "maximumcall": "x", "pop_mode": 9, "line": ["x", 1],
                                       "work_week": [8], "start_time": "2026-13-01", "holiday": [{"begin": 1}],
                                       "call_notify_url": "ftp://x", "destination_extension": "abc",
                                       "originate_variables": "{api_on_answer=x}", "dial_format": "a;b"})
    save("create-others-references", "POST", t, {"name": "引用别人的", "line": [ids["other_line"]],
                                                 "caller_line_id": ids["other_line"],
                                                 "destination_extension": str(ids["other_group"]),
                                                 "auto_recycle_rule_id": ids["other_rule"],
                                                 "llm_intention_id": ids["other_llm"],
                                                 "background_id": ids["other_background"]})
    save("create-unknown-references", "POST", t, {"name": "引用不存在的", "line": [str(uuid.UUID(int=3))],
                                                  "caller_line_id": str(uuid.UUID(int=3)),
                                                  "destination_extension": "99999",
                                                  "auto_recycle_rule_id": str(uuid.UUID(int=4)),
                                                  "llm_intention_id": 99999, "background_id": 99999,
                                                  "dial_time_id": 99999})
    save("create-line-over-limit", "POST", t, {"name": "超限", "line": [{"id": ids["line2"], "limit": 6}],
                                               "dial_time_id": ids["time_group"], "work_week": [1]})
    save("create-not-json", "POST", t, "{", )
    save("create-wrong-type", "POST", t, "name=x", content_type="application/x-www-form-urlencoded")
    save("update-unknown", "PUT", "%s/%s" % (t, uuid.UUID(int=5)), {"name": "x"})
    save("update-invalid", "PUT", "%s/%s" % (t, ids["full"]), {"stop_time": "2025-01-01 00:00:00",
                                                               "line": [ids["line1"], ids["line1"]]})
    for kind, key in (("line", "line1"), ("line", "line2"), ("group", "group"), ("recycle-rule", "rule"),
                      ("llm-intention", "llm"), ("background", "background")):
        save("delete-used-%s-%s" % (kind, key), "DELETE", "%s/%s/%s" % (pa, kind, ids[key]))
    save("list-after-errors", "GET", t + "?per_page=1000")

    # Writes: new uuids and the run's datetimes become placeholders.
    save("create-full", "POST", t, full_task(ids), write=True)
    save("create-minimal", "POST", t, {"name": "新的最小任务"}, write=True)
    save("update-minimal", "PUT", "%s/%s" % (t, ids["minimal"]), {
        "name": "改过的任务", "line": [{"id": ids["line1"], "limit": 2}], "work_week": [1, 3],
        "call_per_second": 9, "remark": None, "caller_line_id": ids["line2"], "destination_extension": "",
        "holiday": [{"begin": "2027-01-01 00:00:00", "end": "2027-01-02 00:00:00"}]}, write=True)
    save("update-full-detach", "PUT", "%s/%s" % (t, ids["full"]), {"dial_time_id": None, "llm_intention_id": 0,
                                                                   "auto_recycle_rule_id": None, "line": None},
         write=True)
    save("pause", "POST", "%s/%s/pause" % (t, ids["waiting"]), write=True)
    save("start", "POST", "%s/%s/start" % (t, ids["odd"]), write=True)
    save("delete", "DELETE", "%s/%s" % (t, ids["odd"]), write=True)
    save("delete-unused-line", "DELETE", "%s/line/%s" % (pa, ids["spare_line"]), write=True)
    save("delete-unused-group", "DELETE", "%s/group/%s" % (pa, ids["group2"]), write=True)
    save("list-after-writes", "GET", t + "?per_page=1000", write=True)


def normalize(text, known, began):
    new = {}

    def uuid_of(m):
        u = m.group(0)
        if u in known:
            return u
        return new.setdefault(u, "<new-uuid-%d>" % (len(new) + 1))

    def time_of(m):
        # The run's own datetimes (shown in the deployment zone, Asia/Shanghai).
        shown = datetime.strptime(m.group(0), "%Y-%m-%d %H:%M:%S")
        shanghai = datetime.utcfromtimestamp(int(began) + 8 * 3600 - 2)
        return "<now>" if shown >= shanghai and shown.year < 2030 else m.group(0)

    return TIME_RE.sub(time_of, UUID_RE.sub(uuid_of, text))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "setup":
        setup(os.path.abspath(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) >= 5 and sys.argv[1] == "capture":
        capture(os.path.abspath(sys.argv[2]), sys.argv[3], os.path.abspath(sys.argv[4]))
    else:
        sys.exit(__doc__)
