#!/usr/bin/env bash
# Benchmarks FtpMount against `rclone mount` over FTP, side by side in one run, with sshfs (from a private sshd on
# the same folder) as a third anchor: installs what is missing, builds ftpmount (Native AOT, else
# framework-dependent), starts one vsftpd and runs every workload on loopback and at 40 ms RTT (FtpProxy).
# Writes bench/results/{results.md,results.json,chart.png}; --quick writes to bench/results/quick/ with small sizes
# and one repetition. See bench/README.md.
#
#   sudo bash bench/run.sh [--quick] [--reps N] [--networks loopback,rtt] [--workloads read,write,tree,untar,random]
#                          [--loopback-sizes big=1024M,tree=1000x10,tar=2000,random=1000] [--rtt-sizes ...] [--rtt-ms 40]
#
# Environment: BENCH_WORK (data, mount points; default /var/tmp/ftpmount-bench), BENCH_TIMEOUT (whole run; 90m),
# BENCH_SKIP_SETUP=1 (no apt-get), BENCH_RESULTS (results folder).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ "$(id -u)" != 0 ]; then
  echo "bench/run.sh: run as root (FUSE mounts, the FTP test server, drop_caches): sudo bash bench/run.sh" >&2
  exit 1
fi

command_line="sudo bash bench/run.sh${*:+ $*}"
quick=0
for arg in "$@"; do
  [ "$arg" = --quick ] && quick=1
done

work=${BENCH_WORK:-/var/tmp/ftpmount-bench}
if [ "$quick" = 1 ]; then
  results=${BENCH_RESULTS:-$repo/bench/results/quick}
else
  results=${BENCH_RESULTS:-$repo/bench/results}
fi
build=$repo/artifacts/bench
mkdir -p "$work" "$results" "$build"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# --- cleanup: whatever happens, no mount and no mount process outlives the run -------------------------------------
# Kills a process and its descendants, children first (sshd's session processes are its children).
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null || true); do
    kill_tree "$child"
  done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -d "$work/mount-pids" ]; then
    for pidfile in "$work"/mount-pids/*; do
      [ -e "$pidfile" ] || continue
      pid=$(basename "$pidfile")
      mnt=$(cat "$pidfile" 2>/dev/null || true)
      if [ -n "$mnt" ] && grep -qs " $mnt fuse" /proc/mounts; then
        log "cleanup: detaching leftover mount $mnt"
        fusermount3 -u -z "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
      fi
      # Only a process that is still one of ours: the pid file names a mount process the bench started.
      if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qE '(ftpmount|rclone|sshfs) '; then
        log "cleanup: killing leftover mount process $pid"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      rm -f "$pidfile"
    done
  fi
  # A driver killed outright leaves its vsftpd behind (unshare outlives its parent). Its server folder is named
  # after the driver's pid, and so are the daemon's command lines: end exactly those processes.
  if [ -s "$work/driver.pid" ]; then
    dpid=$(cat "$work/driver.pid")
    if [ -r "/proc/$dpid/cmdline" ] && tr '\0' ' ' < "/proc/$dpid/cmdline" | grep -q 'FtpMount.Bench.dll'; then
      log "cleanup: killing the benchmark driver $dpid"
      kill -KILL "$dpid" 2>/dev/null || true
      sleep 1
    fi
    for cmdline in /proc/[0-9]*/cmdline; do
      if { tr '\0' ' ' < "$cmdline"; } 2>/dev/null | grep -q "/ftpmount-test-vsftpd-$dpid-"; then
        pid=${cmdline#/proc/}; pid=${pid%/cmdline}
        log "cleanup: killing leftover test server process $pid"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done
    sleep 1
    rm -rf "${TMPDIR:-/tmp}"/ftpmount-test-vsftpd-"$dpid"-* 2>/dev/null || true
    rm -f "$work/driver.pid"
  fi
  # The driver's private sshd, if the driver could not stop it: its pid file names it, and only a process whose
  # command line names the bench's own sshd_config is ended, with the session processes it forked.
  if [ -s "$work/sshd.pid" ]; then
    spid=$(cat "$work/sshd.pid")
    if [ -r "/proc/$spid/cmdline" ] && tr '\0' ' ' < "/proc/$spid/cmdline" | grep -qF "/usr/sbin/sshd -f $work/ssh/sshd_config "; then
      log "cleanup: killing the bench's leftover sshd $spid"
      kill_tree "$spid"
    fi
    rm -f "$work/sshd.pid"
  fi
  for mnt in "$work/mnt/ftpmount" "$work/mnt/ftpmount-writeback" "$work/mnt/rclone" "$work/mnt/sshfs"; do
    if grep -qs " $mnt fuse" /proc/mounts; then
      log "cleanup: detaching leftover mount $mnt"
      fusermount3 -u -z "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
    fi
  done
  exit "$status"
}
# The driver runs in the background so that a signal reaches these traps at once; they pass it on (timeout hands it
# to the driver, which unmounts and stops its server) and wait for the driver before cleanup sweeps the rest.
runner=
stop_driver() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    log "stopping the benchmark driver"
    kill -TERM "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'stop_driver; exit 130' INT
trap 'stop_driver; exit 143' TERM

# --- setup ----------------------------------------------------------------------------------------------------------
if [ "${BENCH_SKIP_SETUP:-}" != 1 ]; then
  log "installing dependencies"
  export DEBIAN_FRONTEND=noninteractive
  bash scripts/install-test-deps.sh   # FUSE 3 and the unpacked vsftpd the test fixture runs
  need=()
  for pkg in rclone sshfs openssh-server curl lftp python3-matplotlib coreutils tar diffutils procps gcc libc6-dev libfuse3-dev pkg-config; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
  done
  if [ "${#need[@]}" -gt 0 ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  # The bench runs its own sshd (private config, key-only, loopback). Installing openssh-server on a systemd machine
  # also enables and starts the machine's ssh service; when this run installed it, leave that service as it was: off.
  if printf '%s\n' "${need[@]}" | grep -qx openssh-server && [ -d /run/systemd/system ]; then
    log "openssh-server was installed only for the bench's private sshd: disabling the system ssh service it enabled"
    systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
  fi
fi
for tool in rclone sshfs ssh ssh-keygen /usr/sbin/sshd pgrep curl fusermount3 dd tar diff; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing" >&2; exit 1; }
done

# --- build ----------------------------------------------------------------------------------------------------------
log "building ftpmount (Release, Native AOT)"
rm -rf "$build/ftpmount"
if timeout 20m dotnet publish src/FtpMount.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$build/ftpmount" \
     -nologo -v quiet > "$build/publish.log" 2>&1 && [ -x "$build/ftpmount/ftpmount" ]; then
  ftpmount_build="Native AOT (dotnet publish -c Release -r linux-x64 -p:PublishAot=true)"
else
  log "Native AOT publish failed (see $build/publish.log); using the framework-dependent Release build"
  rm -rf "$build/ftpmount"
  timeout 20m dotnet publish src/FtpMount.Cli -c Release -o "$build/ftpmount" -nologo -v quiet
  ftpmount_build="framework-dependent Release (Native AOT publish failed)"
fi

# The read workload's floor: the least FUSE filesystem over FTP, in C against the machine's libfuse. Optional: without
# it the report has no floor figure, and says nothing of one.
floor_args=()
log "building bench/floor/ftp-floor-fs"
if timeout 5m gcc -O2 -Wall -Wextra -Werror -o "$build/ftp-floor-fs" bench/floor/ftp-floor-fs.c $(pkg-config --cflags --libs fuse3) \
     > "$build/floor-build.log" 2>&1; then
  floor_args=(--floor-fs "$build/ftp-floor-fs")
else
  log "building bench/floor/ftp-floor-fs failed (see $build/floor-build.log); the read rows will have no floor figure"
fi

log "building the benchmark driver"
timeout 20m dotnet build bench/FtpMount.Bench -c Release -o "$build/driver" -nologo -v quiet

# --- run ------------------------------------------------------------------------------------------------------------
log "running; work folder $work, results in $results"
rm -f "$results/results.json" "$results/chart.png"
set +e
# SIGTERM at the deadline lets the driver unmount and stop the server itself; the traps above catch the rest.
timeout --kill-after=120 "${BENCH_TIMEOUT:-90m}" dotnet "$build/driver/FtpMount.Bench.dll" \
  --ftpmount "$build/ftpmount/ftpmount" --ftpmount-build "$ftpmount_build" \
  --results "$results" --work "$work" --repo "$repo" --command "$command_line" "${floor_args[@]}" "$@" &
runner=$!
wait "$runner"
status=$?
runner=
set -e

if [ -s "$results/results.json" ]; then
  log "drawing $results/chart.png"
  /usr/bin/python3 bench/chart.py "$results/results.json" "$results/chart.png"
  cat "$results/results.md"
fi
if [ "$status" != 0 ]; then
  log "the driver exited with $status (failed steps are listed in results.md)"
fi
exit "$status"
