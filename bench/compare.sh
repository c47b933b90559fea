#!/usr/bin/env bash
# An older build and this one, side by side in one run on the same machine: the task list benchmark
# (bench/list-bench.sh) and the dialer's pacing benchmark (bench/dialer-bench.sh pacing), each run
# for the old jar, then the new, then (PASSES=2, the default) both again, so a drift of the machine
# shows up as a difference between passes rather than between builds.
#
#   bench/compare.sh OLD_COMMIT          # e.g. bench/compare.sh a1e5a43
#
# Builds OLD_COMMIT in a temporary git worktree (target/compare/old.jar) and this checkout
# (target/calltask.jar). Both list runs share the loaded database; the old build is told to ignore
# migrations it does not know. Results: bench/out/compare/{old,new}-{pass}/ and a summary on stdout.
# Env: PASSES (2), ROUNDS (3, list rounds per case), DURATION (10s), as the benches take them.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: bench/compare.sh OLD_COMMIT}
PASSES=${PASSES:-2}
ROOT=$PWD
OUT=bench/out/compare
mkdir -p "$OUT" target/compare

tree=$(mktemp -d)
git worktree add -q --detach "$tree" "$OLD"
trap 'git worktree remove --force "$tree"' EXIT
(cd "$tree" && mvn -B -q -DskipTests package) && cp "$tree/target/calltask.jar" target/compare/old.jar
mvn -B -q -DskipTests package

for pass in $(seq 1 "$PASSES"); do
  for build in old new; do
    jar=target/calltask.jar
    [ $build = old ] && jar=target/compare/old.jar
    dir=$OUT/$build-$pass
    mkdir -p "$dir"
    echo "== pass $pass, $build build ($jar)"
    JAR=$jar BENCH_OUT=$dir SPRING_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future' bench/list-bench.sh > "$dir/list.txt" 2>&1 \
      || { tail -20 "$dir/list.txt"; exit 1; }
    JAR=$jar BENCH_OUT=$dir bench/dialer-bench.sh pacing > "$dir/pacing.txt" 2>&1 || { tail -20 "$dir/pacing.txt"; exit 1; }
  done
done

for pass in $(seq 1 "$PASSES"); do
  for build in old new; do
    dir=$OUT/$build-$pass
    echo "== pass $pass, $build build"
    cat "$dir/summary.txt"
    grep -E 'originates|pacing|limits|CPU' "$dir/dialer-pacing.txt" || true
  done
done
echo "old: $OLD ($(git log -1 --format='%h %s' "$OLD" | cut -c1-60)); new: $(git -C "$ROOT" rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
