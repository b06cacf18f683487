#!/usr/bin/env bash
# Removes what install.sh installed, as root: exactly the files and directories listed in
# /var/lib/ftpmount/install-manifest. A recorded directory that now holds files of yours (configs in
# /etc/ftpmount/mounts.d, passwords in /etc/ftpmount/credentials) is kept and named.
#
#   sudo bash installer/linux/uninstall.sh
#
# Running mounts are not touched (their process keeps running from the deleted binary); unmount them first.
set -euo pipefail

readonly MANIFEST=/var/lib/ftpmount/install-manifest
log() { printf 'uninstall.sh: %s\n' "$*" >&2; }

[ "$(id -u)" = 0 ] || { log "error: run as root"; exit 1; }
[ -f "$MANIFEST" ] || { log "error: $MANIFEST not found: ftpmount was not installed by install.sh"; exit 1; }

if grep -qs ' fuse\.ftpmount ' /proc/mounts; then
  log "warning: ftpmount mounts are still active: $(awk '$3 == "fuse.ftpmount" {printf "%s ", $2}' /proc/mounts)"
fi
for link in /etc/systemd/system/*.wants/ftpmount@*.service; do
  [ -e "$link" ] || [ -L "$link" ] || continue
  log "warning: $(basename "$link") is still enabled; run: systemctl disable --now $(basename "$link")"
done

# Files first, then directories deepest first.
while read -r kind path; do
  [ "$kind" = f ] || continue
  if [ "$path" = "$MANIFEST" ]; then continue; fi
  rm -f -- "$path"
  log "removed $path"
done < "$MANIFEST"

while read -r kind path; do
  [ "$kind" = d ] || continue
  [ "$path" = "$(dirname "$MANIFEST")" ] && continue
  if rmdir -- "$path" 2>/dev/null; then
    log "removed $path/"
  elif [ -d "$path" ]; then
    log "kept $path/: it holds files that install.sh did not put there"
  fi
done < <(sort -r -k2 "$MANIFEST")

rm -f -- "$MANIFEST"
rmdir -- "$(dirname "$MANIFEST")" 2>/dev/null || true

if [ -d /run/systemd/system ]; then
  systemctl daemon-reload || log "warning: systemctl daemon-reload failed"
fi
log "ftpmount is uninstalled"
