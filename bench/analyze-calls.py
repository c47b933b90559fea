#!/usr/bin/env python3
"""Reads a dialer run's call records and checks pacing, limits and fairness (bench/dialer-bench.sh)."""
import bisect
import collections
import csv
import sys

calls_csv, lines_csv, t0, t1, task_cps, task_max, mode = sys.argv[1:8]
t0, t1, task_cps, task_max = float(t0), float(t1), int(task_cps), int(task_max)
lines = {}
for row in open(lines_csv):
    line_id, limit, cps = row.strip().split(',')
    lines[line_id] = (int(limit), int(cps))
calls = []
for start, end, line, task in csv.reader(open(calls_csv)):
    calls.append((float(start), float(end) if end else float('inf'), line, task))
starts = sorted(c[0] for c in calls)

# Originates per one-second window inside the measured interval.
windows = []
t = t0
while t + 1 <= t1:
    windows.append(bisect.bisect_left(starts, t + 1) - bisect.bisect_left(starts, t))
    t += 1
windows.sort()
def pct(p):
    return windows[min(len(windows) - 1, int(p / 100 * len(windows)))]
print(f"originates in the window: {sum(windows)}; per second: p5 {pct(5)}, p50 {pct(50)}, p95 {pct(95)}, "
      f"min {windows[0]}, max {windows[-1]}")
if mode == 'pacing':
    lo, hi = task_cps * 0.98, task_cps * 1.02
    ok = lo <= pct(5) and pct(95) <= hi
    print(f"pacing: p5..p95 within {lo:.0f}..{hi:.0f}: {'yes' if ok else 'NO'}")

# Limits, sampled every 100 ms over the whole run.
by_line = collections.defaultdict(list)
by_task = collections.defaultdict(list)
for c in calls:
    by_line[c[2]].append(c)
    by_task[c[3]].append(c)
first, last = starts[0], max(c[1] for c in calls if c[1] != float('inf')) if calls else 0
violations = collections.Counter()
worst = collections.Counter()
def check(group, limit_of, cps_of, kind):
    for key, cs in group.items():
        s = sorted(c[0] for c in cs)
        e = sorted(c[1] for c in cs)
        limit, cps = limit_of(key), cps_of(key)
        t = first
        while t <= last:
            in_progress = bisect.bisect_right(s, t) - bisect.bisect_right(e, t)
            recent = bisect.bisect_right(s, t) - bisect.bisect_right(s, t - 1)
            worst[kind + ' in progress / limit'] = max(worst[kind + ' in progress / limit'], in_progress / limit)
            worst[kind + ' cps / limit'] = max(worst[kind + ' cps / limit'], recent / cps)
            if in_progress > limit:
                violations[kind + ' concurrency'] += 1
            if recent > cps:
                violations[kind + ' cps'] += 1
            t += 0.1
check(by_line, lambda k: lines[k][0], lambda k: lines[k][1], 'line')
check(by_task, lambda k: task_max, lambda k: task_cps, 'task')
print("limits sampled every 100 ms: " + ("never exceeded" if not violations else f"EXCEEDED {dict(violations)}"))
print("highest use of each limit: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(worst.items())))

if mode == 'fairness':
    shares = [sum(1 for c in cs if t0 <= c[0] < t1) for cs in by_task.values()]
    mean = sum(shares) / len(shares)
    print(f"fairness over {len(shares)} tasks: mean {mean:.1f} originates, min {min(shares)} ({min(shares)/mean - 1:+.1%}), "
          f"max {max(shares)} ({max(shares)/mean - 1:+.1%}): {'within' if min(shares) >= 0.9 * mean and max(shares) <= 1.1 * mean else 'NOT within'} ±10 %")
