#!/usr/bin/env bash
# Installs the real FTP servers that the integration tests start on loopback
# (tests/FtpMount.Testing). Run as root on Debian 12; safe to run again.
#
#   bash scripts/install-test-servers.sh
#
# What it does, and why:
# 1. apt-get installs the shared libraries the daemons link against. The daemons
#    themselves are NOT installed as packages: vsftpd, pure-ftpd and proftpd-core
#    all Conflict on the virtual package ftp-server, and an installed daemon
#    would also be started by its init scripts. Instead their .debs are
#    downloaded and unpacked with `dpkg -x` into a cache folder
#    (FTPMOUNT_TEST_SERVERS, default /var/cache/ftpmount-test-servers), from
#    which the fixture runs them in the foreground with configs of its own.
# 2. It creates the test-only system user `ftpmounttest` and the PAM service
#    /etc/pam.d/ftpmount-test-vsftpd. vsftpd has no user database of its own:
#    a local-user login always goes through PAM and getpwnam(), so it needs a
#    real account. The other servers use virtual users (pure-ftpd puredb,
#    proftpd AuthUserFile, pyftpdlib's DummyAuthorizer) but map them to the same
#    uid, so files written by any server belong to the same owner. The PAM
#    service admits only that one user, so a test vsftpd cannot log in as anyone
#    else. The password is a fixed test credential, not a secret; it must match
#    FtpTestServer.Password.
#
# Works without a terminal (CI=true, no stdin). Waits for the dpkg lock instead
# of failing when another apt-get runs at the same time.

source "$(dirname "$0")/lib/setup.sh"
report_failures install-test-servers

readonly CACHE_DIR="${FTPMOUNT_TEST_SERVERS:-/var/cache/ftpmount-test-servers}"
readonly STAMP_FILE="$CACHE_DIR/.ftpmount-test-servers.stamp"
readonly TEST_USER=ftpmounttest
readonly TEST_PASSWORD=ftpmount-test-only
readonly PAM_SERVICE_FILE=/etc/pam.d/ftpmount-test-vsftpd

readonly SERVER_PACKAGES=(vsftpd pure-ftpd pure-ftpd-common proftpd-core python3-pyftpdlib)

# Checked with `ldd` on the unpacked binaries (see check_binaries below):
#   vsftpd:       libcap2 libpam0g libssl3 libwrap0 (+ libpam-modules for pam_unix.so)
#   pure-ftpd:    libsodium23 libcrypt1 libssl3 libcap2 libpam0g
#   proftpd-core: libacl1 libhiredis0.14 libmemcached11 libmemcachedutil2
#                 libpcre2-8-0 libpcre2-posix3 libcrypt1 libcap2 libpam0g;
#                 its modules and tools add libidn2-0 libncursesw6 zlib1g
#   pyftpdlib:    python3 (Debian's /usr/bin/python3, not a pyenv shim)
#   openssl:      not needed by the fixture, handy to inspect its certificates
readonly RUNTIME_PACKAGES=(
  libcap2 libpam0g libssl3 libwrap0 libpam-modules
  libsodium23 libcrypt1
  libacl1 libhiredis0.14 libidn2-0 libmemcached11 libmemcachedutil2 libncursesw6
  libpcre2-8-0 libpcre2-posix3 zlib1g
  python3 openssl passwd
)

ensure_apt_lists() {
  if ! apt_lists_know vsftpd; then
    log "the apt package lists do not know vsftpd yet: apt-get update"
    apt_get update
  fi
}

candidate_versions() {
  # One apt-cache call for all packages: "name:" starts each block, "Candidate: x" follows.
  LC_ALL=C apt-cache policy "${SERVER_PACKAGES[@]}" 2>/dev/null | awk '
    /^[^ ]/ { sub(/:$/, "", $1); pkg = $1 }
    /Candidate:/ { print pkg "=" ($2 == "(none)" ? "unknown" : $2) }'
}

download_and_extract() {
  local work
  work="$(mktemp -d /tmp/ftpmount-test-servers-download.XXXXXX)"
  # apt-get download runs as the _apt user where it can; give it the folder.
  if getent passwd _apt >/dev/null; then
    chown _apt:root "$work"
  fi
  (
    cd "$work"
    if ! apt_get download "${SERVER_PACKAGES[@]}"; then
      log "apt-get download failed; refreshing package lists and trying once more"
      apt_get update
      apt_get download "${SERVER_PACKAGES[@]}"
    fi
  )

  local staging="$CACHE_DIR.new.$$"
  rm -rf "$staging"
  mkdir -p "$staging"
  local deb versions=""
  for deb in "$work"/*.deb; do
    dpkg -x "$deb" "$staging"
    versions+="$(dpkg-deb -f "$deb" Package)=$(dpkg-deb -f "$deb" Version)"$'\n'
  done
  rm -rf "$work"

  # Swap the new tree in only once it is complete, so an interrupted run never
  # leaves a half-extracted cache behind a valid stamp.
  mkdir -p "$(dirname "$CACHE_DIR")"
  rm -rf "$CACHE_DIR.old.$$"
  if [[ -e "$CACHE_DIR" ]]; then
    mv "$CACHE_DIR" "$CACHE_DIR.old.$$"
  fi
  mv "$staging" "$CACHE_DIR"
  rm -rf "$CACHE_DIR.old.$$"
  chmod 0755 "$CACHE_DIR"
  printf '%s' "$versions" | sort >"$STAMP_FILE"
}

ensure_server_packages() {
  ensure_apt_lists
  local wanted
  wanted="$(candidate_versions | sort)"
  if [[ -f "$STAMP_FILE" ]]; then
    local have
    have="$(cat "$STAMP_FILE")"
    # Without a candidate (no lists, no network) keep whatever is extracted.
    if [[ "$have" == "$wanted" ]] || grep -q '=unknown$' <<<"$wanted"; then
      log "server packages already extracted in $CACHE_DIR"
      return
    fi
  fi
  log "downloading and extracting ${SERVER_PACKAGES[*]}"
  download_and_extract
}

check_binaries() {
  local bin broken=0 unresolved
  for bin in usr/sbin/vsftpd usr/sbin/pure-ftpd usr/bin/pure-pw usr/sbin/proftpd; do
    [[ -x "$CACHE_DIR/$bin" ]] || die "missing $CACHE_DIR/$bin after extraction"
    unresolved="$(ldd "$CACHE_DIR/$bin" | grep 'not found' || true)"
    if [[ -n "$unresolved" ]]; then
      log "$bin has unresolved libraries:"$'\n'"$unresolved"
      broken=1
    fi
  done
  ((broken == 0)) || die "add the packages for the libraries above to RUNTIME_PACKAGES"
  PYTHONPATH="$CACHE_DIR/usr/lib/python3/dist-packages" /usr/bin/python3 -c 'import pyftpdlib' ||
    die "pyftpdlib does not import with /usr/bin/python3"
}

ensure_test_user() {
  # Home is "/": vsftpd chdir()s into the passwd home as the user before it moves on to the fixture's
  # local_root and chroots there, and fails the login ("500 OOPS: cannot change directory") when the
  # home does not exist. "/" always exists and the user cannot write to it.
  if ! getent passwd "$TEST_USER" >/dev/null; then
    log "creating system user $TEST_USER"
    useradd --system --user-group --no-create-home --home-dir / \
      --shell /usr/sbin/nologin --comment 'FtpMount integration tests (test-only)' "$TEST_USER"
  elif [[ "$(getent passwd "$TEST_USER" | cut -d: -f6)" != / ]]; then
    usermod --home / "$TEST_USER"
  fi
  # Set every time, so a changed password constant takes effect on the next run.
  printf '%s:%s\n' "$TEST_USER" "$TEST_PASSWORD" | chpasswd
}

ensure_pam_service() {
  local content
  content="$(cat <<EOF
# FtpMount integration tests (scripts/install-test-servers.sh).
# vsftpd test servers authenticate through this service; only the test user
# ($TEST_USER) may log in, with its password from /etc/shadow.
auth     requisite  pam_succeed_if.so quiet user = $TEST_USER
auth     required   pam_unix.so
account  requisite  pam_succeed_if.so quiet user = $TEST_USER
account  required   pam_unix.so
session  required   pam_permit.so
password required   pam_deny.so
EOF
)"
  if [[ ! -f "$PAM_SERVICE_FILE" ]] || [[ "$(cat "$PAM_SERVICE_FILE")" != "$content" ]]; then
    printf '%s\n' "$content" >"$PAM_SERVICE_FILE"
    chmod 0644 "$PAM_SERVICE_FILE"
  fi
}

main() {
  require_root "installs packages, a system user and a PAM service"
  apt_install_missing "${RUNTIME_PACKAGES[@]}"
  ensure_server_packages
  check_binaries
  ensure_test_user
  ensure_pam_service
  echo "FtpMount test servers are ready in $CACHE_DIR ($(tr '\n' ' ' <"$STAMP_FILE" | sed 's/ $//'))"
}

main "$@"
