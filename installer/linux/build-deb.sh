#!/usr/bin/env bash
# Builds artifacts/ftpmount_VERSION_amd64.deb with dpkg-deb (no debhelper), VERSION from FtpMount.Cli.csproj:
#
#   bash installer/linux/build-deb.sh [--binary PATH] [--output DIR]
#
#   --binary PATH   package this published ftpmount instead of building one (Native AOT, linux-x64)
#   --output DIR    where the .deb goes (default: artifacts/ in the repository)
#
# The package holds the files listed in layout.sh. /etc/ftpmount/example.conf is a conffile. The maintainer
# scripts only run "systemctl daemon-reload" when systemd is running: no unit is enabled or started.
# Prints the path of the .deb.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/layout.sh"

binary=""
output="$FTPMOUNT_REPO/artifacts"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) [ $# -ge 2 ] || ftpmount_die "--binary needs a path"; binary="$2"; shift 2 ;;
    --output) [ $# -ge 2 ] || ftpmount_die "--output needs a directory"; output="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) ftpmount_die "unknown argument $1 (see --help)" ;;
  esac
done
command -v dpkg-deb >/dev/null || ftpmount_die "dpkg-deb not found (package dpkg)"

work="$(mktemp -d /tmp/ftpmount-deb.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if [ -z "$binary" ]; then
  binary="$(ftpmount_publish "$work/publish")"
fi
[ -f "$binary" ] || ftpmount_die "no ftpmount binary at $binary"

version="$(ftpmount_version)"
root="$work/ftpmount_${version}_amd64"
ftpmount_stage "$binary" "$root"

install -d -m 0755 "$root/DEBIAN"
installed_size="$(du -sk --apparent-size "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: ftpmount
Version: $version
Architecture: amd64
Maintainer: FtpMount developers <ftpmount@localhost>
Installed-Size: $installed_size
Depends: fuse3, libfuse3-4 | libfuse3-3, libc6, libssl3t64 | libssl3
Section: utils
Priority: optional
Description: mount FTP and FTPS servers as a FUSE filesystem
 ftpmount mounts an FTP or FTPS server on a local directory so that any
 program can read, write, rename and delete its files. It works with
 mount(8) and /etc/fstab (type fuse.ftpmount), and ships a systemd unit
 template, ftpmount@NAME.service, for mounts at boot.
CONTROL
echo /etc/ftpmount/example.conf > "$root/DEBIAN/conffiles"
install -m 0755 "$FTPMOUNT_INSTALLER_DIR/debian/postinst" "$FTPMOUNT_INSTALLER_DIR/debian/postrm" "$root/DEBIAN/"

mkdir -p "$output"
deb="$output/ftpmount_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >&2
printf '%s\n' "$deb"
