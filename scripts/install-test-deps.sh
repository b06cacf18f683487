#!/usr/bin/env bash
# Installs what the tests need besides the .NET SDK: FUSE, a C compiler for the struct-layout checks, and the real
# FTP servers (unpacked side by side by install-test-servers.sh). Idempotent; run as root on Debian 12.
# The installer tests (tests/FtpMount.Cli.Tests/Installer) also need dpkg-dev (dpkg-deb), groff-base (man page
# lint) and systemd for systemd-analyze: installing the systemd package in a container is safe, its maintainer
# scripts only reload a systemd that runs as PID 1, and here none does; nothing is started.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET SDK (dotnet) is not installed; install .NET 10 first" >&2
  exit 1
fi

need=()
for pkg in fuse3 libfuse3-dev gcc libc6-dev clang zlib1g-dev python3 openssl procps dpkg-dev groff-base systemd mount util-linux gcc-mingw-w64-x86-64 meson ninja-build pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

bash scripts/install-test-servers.sh
