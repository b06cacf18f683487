#!/usr/bin/env bash
# Second half of .ci/run, started by it as the first process of a private mount namespace and a new PID
# namespace (`unshare --mount --propagation private --pid --fork --kill-child`):
#
#   bash .ci/enter-root.sh ROOT WORKDIR SECONDS COMMAND LOG
#
# mounts what a machine with the .NET SDK has and a bare debootstrap root lacks, then runs COMMAND (the README's
# test command) in WORKDIR inside ROOT with chroot, for at most SECONDS, its output also copied to LOG. Nothing
# mounted here is visible outside the namespace, and when this script ends the kernel ends every process left
# in the PID namespace and drops every mount with it: test daemons, FUSE mounts and binds cannot outlive CI.
source "$(dirname "$0")/../scripts/lib/setup.sh"
report_failures ci
readonly root=$1 workdir=$2 seconds=$3 command=$4 log=$5

[[ $$ == 1 ]] || die "enter-root.sh must run as the first process of its own PID namespace (from .ci/run)"

# mount_into TARGET-IN-ROOT MOUNT-ARGUMENTS...: mounts, naming what failed.
mount_into() {
  local target=$root$1
  shift
  mkdir -p "$target"
  mount "$@" "$target" || die "could not mount $* on $target"
}

# Nothing mounted from here on may reach the machine's namespace, whatever the machine's / propagation is.
mount --make-rprivate / || die "could not make the mount namespace private"

# On a real machine / is a mount point, and tests check that (the mount table has /, "/" is busy): make the
# root one by binding it onto itself.
mount --bind "$root" "$root" || die "could not bind $root onto itself"
# A fresh /proc for the new PID namespace: the tests list processes and must see only their own, never the
# machine's (the test fixture's stale-server sweep kills processes by working directory).
mount_into /proc -t proc -o nosuid,nodev,noexec proc
mount_into /sys --rbind /sys                   # FUSE sets read_ahead_kb of its own mounts in /sys/class/bdi
mount_into /dev --rbind /dev                   # /dev/fuse, /dev/null, /dev/pts, /dev/shm
mount_into /run -t tmpfs -o nosuid,nodev,mode=0755 tmpfs  # a booted Debian has a tmpfs /run, and no systemd in it
# The machine's .NET SDK and CA store, read-only: nothing inside may change them.
for shared in /usr/share/dotnet /etc/ssl/certs; do
  [[ -d "$shared" ]] || die "$shared is missing on this machine; CI binds it into the root"
  mount_into "$shared" --bind "$shared"
  mount -o remount,bind,ro "$root$shared" || die "could not make $root$shared read-only"
done

# The machine's own DOTNET_*/NUGET_* settings (an offline certificate revocation mode, say) and proxies pass in;
# nothing else of this environment does.
passed_env=()
while IFS='=' read -r name _; do
  case "$name" in
    DOTNET_* | NUGET_* | http_proxy | https_proxy | no_proxy | HTTP_PROXY | HTTPS_PROXY | NO_PROXY)
      passed_env+=("$name=${!name}") ;;
  esac
done < <(env)

log "running \`$command\` in $workdir inside the fresh root (at most $((seconds / 60)) min)"
status=0
timeout --kill-after=60 "$seconds" chroot "$root" /usr/bin/env -i \
  PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-true}" \
  DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
  "${passed_env[@]}" \
  /bin/bash -c 'cd "$1" && eval "$2"' ci "$workdir" "$command" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
((status != 124 && status != 137)) || log "error: \`$command\` did not finish within $((seconds / 60)) min; stopped it"

# Keep only .debs the lists still name, so the cache .ci/run carries to the next root does not grow forever.
chroot "$root" apt-get -qq autoclean >/dev/null 2>&1 || true
exit "$status"
