#!/usr/bin/env bash
# Installs everything the tests need besides the .NET SDK on Debian 12, then the real FTP servers
# (install-test-servers.sh). Idempotent; runs as root: `bash scripts/install-test-deps.sh`.
source "$(dirname "$0")/lib/setup.sh"
report_failures install-test-deps
cd "$(dirname "$0")/.."

# Every Debian package the tests use, in this one list: add a new dependency here, with what needs it.
readonly TEST_PACKAGES=(
  "${DOTNET_PREREQUISITES[@]}" # dotnet itself, when the SDK was unpacked rather than installed as a .deb
  fuse3                        # fusermount3 and mount.fuse3: every FUSE mount, `mount -t fuse.ftpmount`
  libfuse3-dev                 # fuse.h: NativeLayoutTests compile layout.c against the real header
  gcc libc6-dev                # that compiler
  clang zlib1g-dev             # Native AOT publish (NativeAotTests, the .deb the installer tests build)
  python3                      # pyftpdlib, and scripted helpers of the mount tests
  rsync                        # RsyncTests: rsync -a into the mount, then -n -i must list nothing
  openssl procps               # certificate inspection; ps/kill for the process tests
  dpkg-dev                     # dpkg-deb for installer/linux/build-deb.sh
  groff-base                   # the man page lint
  systemd                      # systemd-analyze verify for ftpmount@.service (see below)
  man-db                       # ... which runs `man ftpmount(1)` for the unit's Documentation= line
  mount util-linux             # mount/umount, and unshare for the daemons' PID namespaces
  gcc-mingw-w64-x86-64         # DokanHeaderTests compile the Dokan binding's layouts against dokany's dokan.h
  meson ninja-build pkg-config # VendoredLibfuse builds the libfuse releases in ../shared/vendor/libfuse
)
# systemd as a package is safe here: its maintainer scripts only reload a systemd that runs as PID 1, and in a
# container or chroot none does; nothing is started.

require_root "installs packages"
command -v dotnet >/dev/null ||
  die "the .NET 10 SDK (dotnet) is not on PATH; install it first"

apt_install_missing "${TEST_PACKAGES[@]}"

# NuGet restore is HTTPS: without a CA store every package download fails with a TLS error. A Debian install has
# one from ca-certificates; a bare root may have none (.ci/run binds the machine's store in, read-only, so this
# never runs there).
if [[ ! -s /etc/ssl/certs/ca-certificates.crt ]]; then
  apt_install_missing ca-certificates
fi

if ! dotnet_info="$(dotnet --info 2>&1)"; then
  printf '%s\n' "$dotnet_info" >&2
  die "dotnet does not start (output above): a prerequisite of the SDK is missing"
fi

bash scripts/install-test-servers.sh
