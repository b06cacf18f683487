#!/usr/bin/env bash
# Builds ftpmount (Native AOT) and installs it system-wide, as root:
#
#   sudo bash installer/linux/install.sh [--binary PATH]
#
#   --binary PATH   install this published ftpmount instead of building one (needs no .NET SDK)
#
# Installs the files listed in layout.sh and records every file and directory it created in
# /var/lib/ftpmount/install-manifest, which uninstall.sh removes again, nothing more. Existing directories and your
# own files in /etc/ftpmount are never recorded, so they survive an uninstall. Nothing is enabled or started.
# Runtime needs: fuse3 (mount.fuse3, fusermount3, libfuse3) and libssl3 for FTPS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/layout.sh"

readonly MANIFEST_DIR=/var/lib/ftpmount
readonly MANIFEST="$MANIFEST_DIR/install-manifest"

binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) [ $# -ge 2 ] || ftpmount_die "--binary needs a path"; binary="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) ftpmount_die "unknown argument $1 (see --help)" ;;
  esac
done

[ "$(id -u)" = 0 ] || ftpmount_die "run as root: it installs into /usr/bin, /etc and /lib/systemd"
if dpkg-query -W -f='${Status}' ftpmount 2>/dev/null | grep -q "install ok installed"; then
  ftpmount_die "ftpmount is installed as a Debian package; remove it first (apt remove ftpmount) or keep using the package"
fi
command -v mount.fuse3 >/dev/null || ftpmount_log "warning: mount.fuse3 not found; install fuse3 (apt-get install fuse3) before mounting"

work="$(mktemp -d /tmp/ftpmount-install.XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [ -z "$binary" ]; then
  binary="$(ftpmount_publish "$work/publish")"
fi
[ -f "$binary" ] || ftpmount_die "no ftpmount binary at $binary"

stage="$work/stage"
ftpmount_stage "$binary" "$stage"

created="$work/created"
: > "$created"
if [ ! -d "$MANIFEST_DIR" ]; then
  install -d -m 0755 "$MANIFEST_DIR"
  echo "d $MANIFEST_DIR" >> "$created"
fi

# Directories first (parents before children), then files; only what did not exist before is recorded.
while IFS= read -r -d '' dir; do
  target="/${dir#"$stage"/}"
  if [ ! -d "$target" ]; then
    install -d -m "$(stat -c %a "$dir")" "$target"
    echo "d $target" >> "$created"
  fi
done < <(find "$stage" -mindepth 1 -type d -print0 | sort -z)

while IFS= read -r -d '' file; do
  target="/${file#"$stage"/}"
  install -m "$(stat -c %a "$file")" "$file" "$target"
  echo "f $target" >> "$created"
  ftpmount_log "installed $target"
done < <(find "$stage" -type f -print0 | sort -z)

# A reinstall keeps what an earlier install recorded (directories it created then still count as ours).
if [ -f "$MANIFEST" ]; then
  cat "$MANIFEST" >> "$created"
fi
sort -u "$created" > "$MANIFEST.new"
mv "$MANIFEST.new" "$MANIFEST"
chmod 0644 "$MANIFEST"

if [ -d /run/systemd/system ]; then
  systemctl daemon-reload || ftpmount_log "warning: systemctl daemon-reload failed"
fi

cat >&2 <<MSG
ftpmount $("/usr/bin/ftpmount" --version 2>/dev/null | awk '{print $2}') is installed. Next:
  mount by hand:   ftpmount ftp://user@host/path /mnt/point
  at boot:         cp /etc/ftpmount/example.conf /etc/ftpmount/mounts.d/NAME.conf  (edit it), then
                   systemctl enable --now ftpmount@NAME
  or in /etc/fstab: ftp://user@host/path /mnt/point fuse.ftpmount _netdev,noauto,x-systemd.automount,password_file=/root/ftp.pw 0 0
Remove with: sudo bash $(dirname "$0")/uninstall.sh   (file list: $MANIFEST)
MSG
