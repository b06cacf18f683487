#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian 12 machine (as root), runs every test project once,
# and ends with one line "tests: N passed, N failed" computed from the TRX results. Exit status is non-zero on
# any failure, skip, or when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

results="artifacts/test-results"

if [ "$(id -u)" = 0 ] && [ "${FTPMOUNT_SKIP_SETUP:-}" != 1 ]; then
  bash scripts/install-test-deps.sh
else
  echo "note: not root (or FTPMOUNT_SKIP_SETUP=1): assuming test dependencies are installed" >&2
fi

rm -rf "$results"
mkdir -p "$results"

set +e
# --blame-hang-timeout: a test stuck past it is killed with a dump instead of wedging the run.
# -m:1 runs the test projects one after another: the timing tests of the latency proxy and the deadline tests
# must not share two cores with 1 GiB copies of another project.
timeout --kill-after=60 70m dotnet test FtpMount.sln -m:1 \
  --configuration Release \
  --logger "trx" \
  --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 15m
status=$?
set -e

# Mounts left behind by a crashed test must not outlive the run (test mounts live in temporary folders named
# ftpmount-*; anything else mounted on the machine is not ours to touch).
for mnt in $(grep -E ' fuse(\.| )' /proc/mounts 2>/dev/null | awk '{print $2}' | grep -E '^/tmp/ftpmount-' || true); do
  echo "detaching leftover FUSE mount $mnt" >&2
  fusermount3 -u -z "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
done

passed=0 failed=0 skipped=0 found=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  found=$((found + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

if [ "$found" = 0 ]; then
  echo "no test results were written (dotnet test exited with $status)" >&2
  failed=$((failed + 1))
fi
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
  echo "dotnet test exited with $status although no test failed (build error or crashed test host)" >&2
  failed=1
fi

if [ "$skipped" != 0 ]; then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
[ "$failed" = 0 ] && [ "$skipped" = 0 ] && [ "$passed" -gt 0 ]
