# Sourced by install.sh and build-deb.sh: how ftpmount is built and which files go where, kept in one place so the
# script install and the .deb install the same tree.
#
#   /usr/bin/ftpmount                           the Native AOT binary (needs only libc; libfuse3 and libssl are
#                                               loaded at run time)
#   /lib/systemd/system/ftpmount@.service       unit template: ftpmount@NAME mounts /etc/ftpmount/mounts.d/NAME.conf
#   /usr/lib/systemd/user/ftpmount@.service     user unit template (systemctl --user): ftpmount@NAME mounts
#                                               ~/.config/ftpmount/mounts.d/NAME.conf as that user, without root
#   /etc/ftpmount/example.conf                  annotated example config
#   /etc/ftpmount/mounts.d/                     one NAME.conf per mount (0755)
#   /etc/ftpmount/credentials/                  one password file per unit instance (0700)
#   /usr/share/man/man1/ftpmount.1.gz           man page
#
# No mount.ftpmount helper: for an fstab type "fuse.ftpmount", mount(8) runs mount.fuse3 (package fuse3), which runs
# "ftpmount SOURCE MOUNTPOINT -o OPTIONS", which is ftpmount's own syntax. A mount.ftpmount would be called with
# mount(8)'s helper flags instead (-n, -s, -v, -t, and -f for "fake"), which clash with ftpmount's -f (foreground).

FTPMOUNT_INSTALLER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FTPMOUNT_REPO="$(cd "$FTPMOUNT_INSTALLER_DIR/../.." && pwd)"

ftpmount_log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
ftpmount_die() { ftpmount_log "error: $*"; exit 1; }

# The version of the CLI project (<Version> in src/FtpMount.Cli/FtpMount.Cli.csproj).
ftpmount_version() {
  local version
  version="$(sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' "$FTPMOUNT_REPO/src/FtpMount.Cli/FtpMount.Cli.csproj" | head -n 1)"
  [ -n "$version" ] || ftpmount_die "no <Version> in src/FtpMount.Cli/FtpMount.Cli.csproj"
  printf '%s\n' "$version"
}

# ftpmount_publish OUTDIR: Native AOT publish for linux-x64 into OUTDIR; prints the binary's path.
ftpmount_publish() {
  local out="$1" missing=()
  command -v dotnet >/dev/null || ftpmount_die "the .NET 10 SDK (dotnet) is needed to build ftpmount; or pass --binary PATH"
  # The ILCompiler links with clang or a versioned clang-NN (Debian 12's clang-14 has no plain "clang" without
  # the clang package); the zlib headers are needed for System.IO.Compression's native part.
  compgen -c clang | grep -qE '^clang(-[0-9]+)?$' || missing+=(clang)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  [ "${#missing[@]}" = 0 ] || ftpmount_die "Native AOT needs ${missing[*]}: apt-get install ${missing[*]}"
  ftpmount_log "building ftpmount (Native AOT, linux-x64; about a minute)"
  # -nodeReuse:false: an MSBuild node left for reuse inherits this script's stdout and stderr and holds them for
  # its idle time, so whoever reads them to the end (a pipe, $(...), a test) would wait minutes after we exit.
  dotnet publish "$FTPMOUNT_REPO/src/FtpMount.Cli" -c Release -r linux-x64 -p:PublishAot=true \
    -o "$out" -nologo -v quiet -nodeReuse:false >&2 || ftpmount_die "dotnet publish failed"
  [ -x "$out/ftpmount" ] || ftpmount_die "dotnet publish did not produce $out/ftpmount"
  printf '%s\n' "$out/ftpmount"
}

# ftpmount_stage BINARY DESTDIR: lays out every installed file under DESTDIR with its final mode.
ftpmount_stage() {
  local binary="$1" dest="$2" version
  version="$(ftpmount_version)"
  install -D -m 0755 "$binary" "$dest/usr/bin/ftpmount"
  install -D -m 0644 "$FTPMOUNT_INSTALLER_DIR/ftpmount@.service" "$dest/lib/systemd/system/ftpmount@.service"
  install -D -m 0644 "$FTPMOUNT_INSTALLER_DIR/user/ftpmount@.service" "$dest/usr/lib/systemd/user/ftpmount@.service"
  install -D -m 0644 "$FTPMOUNT_INSTALLER_DIR/example.conf" "$dest/etc/ftpmount/example.conf"
  install -d -m 0755 "$dest/etc/ftpmount/mounts.d"
  install -d -m 0700 "$dest/etc/ftpmount/credentials"
  install -d -m 0755 "$dest/usr/share/man/man1"
  sed "s/@VERSION@/$version/" "$FTPMOUNT_INSTALLER_DIR/ftpmount.1" | gzip -9n > "$dest/usr/share/man/man1/ftpmount.1.gz"
  chmod 0644 "$dest/usr/share/man/man1/ftpmount.1.gz"
}
