#!/usr/bin/env bash
# The main job in one command, on a fresh Debian 12 machine with the .NET 10 SDK, as root
# (from a normal account: sudo bash scripts/run.sh ...):
#   bash scripts/run.sh                          start a local demo FTP server with sample files and mount it
#   bash scripts/run.sh URL MOUNTPOINT [-o ...]  mount your own server (password: prompt, FTPMOUNT_PASSWORD, ~/.netrc)
#   bash scripts/run.sh --stop                   unmount the demo and stop its server
source "$(dirname "$0")/lib/setup.sh"
report_failures run.sh
cd "$(dirname "$0")/.."
repo=$(pwd)

demo_dir=/var/tmp/ftpmount-demo
demo_mount=/mnt/ftpmount-demo
demo_port=2121
bin="$repo/artifacts/ftpmount/ftpmount"

stop_demo() {
  if grep -qs " $demo_mount " /proc/mounts; then
    "$bin" unmount "$demo_mount" || fusermount3 -u -z "$demo_mount" || true
  fi
  if [ -f "$demo_dir/server.pid" ]; then
    kill "$(cat "$demo_dir/server.pid")" 2>/dev/null || true
    rm -f "$demo_dir/server.pid"
  fi
  echo "Demo stopped."
}

if [ "${1:-}" = "--stop" ]; then
  stop_demo
  exit 0
fi

require_root "installs fuse3 and, for the demo, python3-pyftpdlib, and mounts"
command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is needed to build ftpmount; install it first"

apt_install_missing "${DOTNET_PREREQUISITES[@]}" fuse3 python3-pyftpdlib

echo "Building ftpmount..."
# -nodeReuse:false: an MSBuild node left for reuse would inherit the $(...) pipe and hold it for minutes.
if ! publish_log="$(dotnet publish src/FtpMount.Cli -c Release -o artifacts/ftpmount -v quiet -nologo -nodeReuse:false 2>&1)"; then
  printf '%s\n' "$publish_log" >&2
  die "building ftpmount failed (dotnet publish output above)"
fi

if [ $# -ge 2 ]; then
  exec "$bin" "$@"
fi

# No server of your own: a real FTP server (Debian's pyftpdlib) on 127.0.0.1 with a few sample files.
mkdir -p "$demo_dir/root/docs" "$demo_mount"
if [ ! -f "$demo_dir/root/README.txt" ]; then
  printf 'Welcome to the FtpMount demo.\nEverything under this folder lives on a local FTP server.\n' > "$demo_dir/root/README.txt"
  printf 'Edit me with any editor and save.\n' > "$demo_dir/root/docs/notes.txt"
  head -c 5000000 /dev/urandom > "$demo_dir/root/docs/random-5MB.bin"
fi
# Demo credentials, not secrets; kept out of every command line anyway.
printf 'demo\n' > "$demo_dir/password"
chmod 600 "$demo_dir/password"
cat > "$demo_dir/server.py" <<PY
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer
authorizer = DummyAuthorizer()
authorizer.add_user("demo", open("$demo_dir/password").read().strip(), "$demo_dir/root", perm="elradfmwMT")
handler = FTPHandler
handler.authorizer = authorizer
handler.passive_ports = range(60000, 60100)
FTPServer(("127.0.0.1", $demo_port), handler).serve_forever()
PY
if ! { [ -f "$demo_dir/server.pid" ] && kill -0 "$(cat "$demo_dir/server.pid")" 2>/dev/null; }; then
  setsid /usr/bin/python3 "$demo_dir/server.py" > "$demo_dir/server.log" 2>&1 < /dev/null &
  echo $! > "$demo_dir/server.pid"
  for _ in $(seq 1 50); do
    (exec 3<>/dev/tcp/127.0.0.1/$demo_port) 2>/dev/null && break
    sleep 0.1
  done
fi

if ! grep -qs " $demo_mount " /proc/mounts; then
  "$bin" "ftp://demo@127.0.0.1:$demo_port/" "$demo_mount" -o "password_file=$demo_dir/password"
fi

cat <<MSG

FtpMount is running: the demo FTP server's files are mounted at $demo_mount
  ls -l $demo_mount          cat $demo_mount/README.txt          cp something $demo_mount/
Stop it with:  bash scripts/run.sh --stop
Mount your own server with:  bash scripts/run.sh ftp://user@host/path /mnt/somewhere
(as root; from a normal account put sudo in front)
MSG
