#!/usr/bin/env bash
# The README's test command. On a fresh Debian 12 machine with the .NET 10 SDK, as root:
#
#   bash scripts/test.sh
#
# installs what the tests need (install-test-deps.sh; FTPMOUNT_SKIP_SETUP=1 skips that), builds once, runs the unit
# tier (no daemon, no mount; FTPMOUNT_TEST_TIER=unit makes a daemon or mount start throw) and then the
# integration tier, so every test runs exactly once, and ends with one line "tests: N passed, N failed" counted
# from the TRX files. Exit status is non-zero on any failure, skip, or when a tier ran no test.
source "$(dirname "$0")/lib/setup.sh"
report_failures test.sh
cd "$(dirname "$0")/.."

readonly results=artifacts/test-results
readonly unit_filter="Category!=Integration"
readonly integration_filter="Category=Integration"

require_root "installs packages, mounts FUSE filesystems and starts FTP daemons"

seconds_since() { echo $(($(date +%s) - $1)); }

started=$(date +%s)
if [[ "${FTPMOUNT_SKIP_SETUP:-}" == 1 ]]; then
  log "FTPMOUNT_SKIP_SETUP=1: assuming the test dependencies are installed"
else
  bash scripts/install-test-deps.sh
  log "setup took $(seconds_since "$started") s"
fi

# Restore and build once, as their own steps, so a NuGet or compiler failure says so instead of showing up as
# a failed test run. The publish tests (Native AOT for linux-x64, framework-dependent win-x64) need runtime packs
# and the ILCompiler from NuGet: fetch them here too, so those tests spend their deadlines compiling, not
# downloading. The solution is restored last, so the build uses its own assets.
step=$(date +%s)
# -nodeReuse:false: an MSBuild node left for reuse inherits this script's output and holds it open for its idle
# time after the run, so `bash scripts/test.sh | tee log` (and CI) would wait for it.
restore() {
  timeout --kill-after=30 20m dotnet restore "$@" -nologo -nodeReuse:false ||
    die "dotnet restore $* failed (output above): NuGet could not be reached or a package version is missing"
}
restore src/FtpMount.Cli -r linux-x64 -p:PublishAot=true
restore src/FtpMount.Cli -r win-x64 -p:SelfContained=false
restore FtpMount.sln
timeout --kill-after=30 30m dotnet build FtpMount.sln --configuration Release --no-restore -nologo -nodeReuse:false ||
  die "dotnet build failed (output above)"
log "restore and build took $(seconds_since "$step") s"

# Mounts left behind by a crashed test must not outlive the run. Test mounts live in temporary folders named
# ftpmount-*; anything else mounted on the machine is not ours to touch.
detach_leftover_mounts() {
  local mnt
  for mnt in $(awk '$3 ~ /^fuse/ && $2 ~ /^\/tmp\/ftpmount-/ { print $2 }' /proc/mounts 2>/dev/null); do
    log "detaching leftover FUSE mount $mnt"
    fusermount3 -u -z "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || log "could not detach $mnt"
  done
}
trap detach_leftover_mounts EXIT

# run_tier NAME FILTER [ENV=VALUE...]: runs the tests matching FILTER in every test project, one project after
# another (-m:1: the timing tests of the latency proxy must not share two cores with another project's 1 GiB
# copies), TRX results in $results/NAME. Returns dotnet test's status.
run_tier() {
  local name=$1 filter=$2 limit=$3 status=0
  shift 3
  mkdir -p "$results/$name"
  log "$name tier: dotnet test --filter \"$filter\""
  # --blame-hang-timeout: a test stuck past it is killed with a dump instead of wedging the run; timeout(1) is
  # the guard over the whole tier.
  env "$@" timeout --kill-after=60 "$limit" dotnet test FtpMount.sln -m:1 --no-build \
    --configuration Release \
    --filter "$filter" \
    --logger trx \
    --logger "console;verbosity=normal" \
    --results-directory "$results/$name" \
    --blame-hang-timeout 15m || status=$?
  detach_leftover_mounts
  return "$status"
}

# count_tier NAME: adds the counters of every TRX file of the tier to passed/failed/skipped, and says what is
# wrong when the tier wrote no results or ran no test.
passed=0 failed=0 skipped=0
count_tier() {
  local name=$1 status=$2 trx counters found=0 tier_total=0 tier_passed=0 tier_failed=0 tier_skipped=0
  counter() { grep -o " $1=\"[0-9]*\"" <<<"$counters" | grep -o '[0-9]*' || echo 0; }
  for trx in "$results/$name"/*.trx; do
    [[ -e "$trx" ]] || continue
    found=$((found + 1))
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    tier_total=$((tier_total + $(counter total)))
    tier_passed=$((tier_passed + $(counter passed)))
    tier_failed=$((tier_failed + $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted)))
    tier_skipped=$((tier_skipped + $(counter notExecuted)))
    # The runner's own output scrolls away; the failed tests, and why, go next to the counts so that the tail of a
    # CI log says what failed.
    if command -v python3 >/dev/null; then
      python3 scripts/failed-tests.py "test.sh: $name tier failed:" "$trx" || log "could not read the failures of $trx"
    else
      grep -oE '<UnitTestResult [^>]*outcome="(Failed|Error|Timeout|Aborted)"' "$trx" \
        | grep -oE 'testName="[^"]*"' | sed -e 's/^testName="//' -e 's/"$//' -e 's/&quot;/"/g' -e "s/&apos;/'/g" \
             -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' -e "s/^/test.sh: $name tier failed: /" \
        | head -n 20 || true
    fi
  done
  if ((found == 0)); then
    log "error: the $name tier wrote no test results (dotnet test exited with $status)"
    tier_failed=$((tier_failed + 1))
  elif ((tier_total == 0)); then
    log "error: the $name tier ran no test"
    tier_failed=$((tier_failed + 1))
  elif ((status != 0 && tier_failed == 0)); then
    log "error: the $name tier's dotnet test exited with $status although no test failed (crashed or killed test host)"
    tier_failed=1
  fi
  log "$name tier: $tier_passed passed, $tier_failed failed, $tier_skipped skipped"
  passed=$((passed + tier_passed)) failed=$((failed + tier_failed)) skipped=$((skipped + tier_skipped))
}

rm -rf "$results"

step=$(date +%s)
unit_status=0
run_tier unit "$unit_filter" 10m FTPMOUNT_TEST_TIER=unit || unit_status=$?
count_tier unit "$unit_status"
log "unit tier took $(seconds_since "$step") s"

step=$(date +%s)
integration_status=0
run_tier integration "$integration_filter" 55m || integration_status=$?
count_tier integration "$integration_status"
log "integration tier took $(seconds_since "$step") s; the whole run $(seconds_since "$started") s"

if ((skipped != 0)); then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
if ((failed == 0 && skipped == 0 && passed > 0)); then
  exit 0
fi
exit 1
