# Shared by the setup scripts (run.sh, test.sh, install-test-deps.sh, install-test-servers.sh); sourced, not run.
#
#   source "$(dirname "$0")/lib/setup.sh"
#   report_failures test.sh        # from here on a failing command names itself, its status and its line
#   apt_install_missing fuse3 gcc  # installs what is not installed yet, showing apt's own output

# What the .NET 10 SDK itself needs on Debian 12 (Microsoft's dependency list for Debian). A machine that got
# the SDK from Microsoft's .deb has them already; one that unpacked the SDK from a tarball, or a root that has
# only /usr/share/dotnet bound in (.ci/run), does not, and then `dotnet` cannot even start.
readonly DOTNET_PREREQUISITES=(libc6 libgcc-s1 libgssapi-krb5-2 libicu72 libssl3 libstdc++6 zlib1g)

# report_failures NAME: set -Eeuo pipefail (also inside $(...)), and a failing command prints
#   NAME: error: `COMMAND` failed (exit N) at FILE:LINE
# before set -e ends the script, so no setup step can end a script without saying what failed.
report_failures() {
  _setup_name=$1
  set -Eeuo pipefail
  shopt -s inherit_errexit
  trap '_setup_report_failure $? "$BASH_COMMAND" "${BASH_SOURCE[0]}" "$LINENO"' ERR
}

_setup_report_failure() {
  printf '%s: error: `%s` failed (exit %s) at %s:%s\n' "$_setup_name" "$2" "$1" "$3" "$4" >&2
}

log() { printf '%s: %s\n' "${_setup_name:-setup}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# require_root HOW: ends the script with a sentence on how to run it when it does not run as root.
require_root() {
  [[ $EUID == 0 ]] ||
    die "run as root (it $1): as root \`bash $0\`, from a normal account \`sudo bash $0\` (or \`su -c 'bash $0'\`)"
}

package_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

apt_get() {
  # Another apt-get (a parallel job, unattended-upgrades) may hold the lock: wait for it instead of failing.
  DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 "$@"
}

# apt_lists_know PACKAGE: true when the package lists name PACKAGE (false on a fresh machine before
# `apt-get update`, whose lists are empty). Asks apt-cache because lists may be stored compressed.
apt_lists_know() {
  apt-cache show --no-all-versions "$1" >/dev/null 2>&1
}

# apt_install_missing PACKAGE...: installs those of PACKAGE... that are not installed yet, without recommends.
# apt's output is shown, not hidden, so an apt or dpkg failure is on screen above the error line.
apt_install_missing() {
  local missing=() pkg
  for pkg in "$@"; do
    package_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} > 0)) || return 0
  if ! apt_lists_know "${missing[0]}"; then
    log "the apt package lists do not know ${missing[0]} yet: apt-get update"
    apt_get update
  fi
  log "installing ${missing[*]}"
  if ! apt_get install -y --no-install-recommends "${missing[@]}"; then
    log "apt-get install failed; refreshing the package lists and trying once more"
    apt_get update
    apt_get install -y --no-install-recommends "${missing[@]}"
  fi
}
