namespace FtpMount.Cli.Options;

internal static class UsageText
{
    public const string Help = """
        Usage:
          ftpmount SOURCE MOUNTPOINT [-f] [-o OPTION[,OPTION...]]...
          ftpmount --config FILE [-f] [-o OPTION[,OPTION...]]...   mount as FILE says (see Config files below)
          ftpmount mount-config NAME [-f] [-o ...]            the same with /etc/ftpmount/mounts.d/NAME.conf
                                                              (a normal user's: ~/.config/ftpmount/mounts.d/NAME.conf)
          ftpmount unmount MOUNTPOINT
          ftpmount unmount --config FILE                      unmount the mount point FILE names
          ftpmount status [--json] [--watch] [MOUNTPOINT]     connections, cache hits, queued uploads and retries,
                                                              transfers with rate and ETA; of all this user's mounts
                                                              without MOUNTPOINT
          ftpmount doctor SOURCE [-o OPTION[,OPTION...]]...   probe a server: what it supports, what ftpmount will use
          ftpmount credential set USER@HOST | HOST --user NAME   (Windows) store the password read from stdin
          ftpmount service [--config-dir DIR]                 (Windows) run the mounts in %ProgramData%\FtpMount\mounts.d
          ftpmount --help | --version

        SOURCE is ftp://[USER@]HOST[:PORT][/PATH] (plain, or explicit TLS with tls=explicit)
        or ftps://[USER@]HOST[:PORT][/PATH] (implicit TLS, port 990). IPv6: ftp://[::1]/.
        Percent-encode special characters in USER and PATH (space is %20).

        ftpmount returns once the mount is ready, or prints why it failed. -f stays in the foreground.
        On Windows MOUNTPOINT is a drive letter (Z:) or an empty folder; ftpmount always stays in the foreground
        there (Ctrl+C unmounts); for mounts that outlive the session use the service.
        In /etc/fstab:  ftp://alice@example.org/pub  /mnt/pub  fuse.ftpmount  _netdev,password_file=/etc/ftp.pw  0 0

        Options (-o):
          ro, read_only            mount read-only (rw undoes it)
          allow_other, allow_root  let other users (or root) use the mount
          default_permissions      let the kernel check permissions from mode/uid/gid
          uid=N, gid=N, umask=OOO  owner, group and octal umask shown for all files
          dir_cache_ttl=S          seconds a directory listing is trusted (decimals allowed)
          attr_timeout=S           seconds the kernel caches names and attributes (default 5, <= dir_cache_ttl)
          negative_ttl=S           seconds "no such file" is trusted
          writeback                close() returns once the file is saved locally; uploads run in the
                                   background (fsync, rename and unmount wait for them)
          writeback_delay=S        seconds a closed file waits before its upload starts (default 0.25)
          no_prefetch              do not list sibling folders ahead of a walk (prefetch undoes it)
          symlinks=block|hide      server links leading outside the mount: shown as files that cannot be
                                   opened (block, default) or left out (hide); links inside are made relative
          no_segments              read large files over one connection even when it is slow (segments undoes it)
          max_connections=N        FTP connections to the server (1-256, default 8)
          connect_timeout=S        seconds for connecting and the TLS handshake
          timeout=S                what a program waits for a server that stopped answering, retries
                                   included: S s without a reply or data (default 30/60); a listing at
                                   most 4*S in all, each waiter 4*S + connect_timeout
          tls=none|explicit|implicit
          fingerprint=HEX          SHA-256 of the server certificate (colons allowed); accepts self-signed
          tls_host=NAME            name to check the certificate against
          active, passive          data connection mode (default passive)
          user=NAME, ftp_user=NAME FTP user when SOURCE names none
          password_file=PATH       file holding the password (must not be readable by group or others)
          password_env=VAR         environment variable holding the password (default FTPMOUNT_PASSWORD)
          netrc=PATH               netrc file (default ~/.netrc)
          spool_dir=PATH           local directory for files being written (created 0700)
          fsname=NAME              source name shown in mount tables
          log_level=trace|debug|info|warning|error
          daemon_timeout=S         seconds to wait for the background mount (default 60)
          foreground               same as -f
          network                  (Windows) a network drive answering to \\ftpmount\HOST, needs a drive letter
        Generic mount options (rw, nosuid, nodev, noexec, noatime, _netdev, nofail, noauto, x-systemd.*, ...) are accepted;
        every mount is nosuid,nodev whatever suid or dev says, and shows no setuid, setgid or sticky bit.

        Password sources, first found wins: password_file=, the variable named by password_env= (FTPMOUNT_PASSWORD),
        $CREDENTIALS_DIRECTORY/ftpmount-password (systemd LoadCredential=), on Windows the Credential Manager
        (ftpmount:USER@HOST, then ftpmount:HOST), ~/.netrc, a password in SOURCE
        (visible to all users: avoid), a prompt when run on a terminal. Without a user: anonymous login.

        Config files (one mount each; key = value lines, # comments; no password= key, keep secrets in password_file):
          url = ftp://alice@example.org/pub
          mountpoint = /mnt/pub
          options = ro,uid=1000,tls=explicit
          password_file = /etc/ftpmount/credentials/pub
        The systemd unit ftpmount@NAME.service runs ftpmount -f --config /etc/ftpmount/mounts.d/NAME.conf.
        The user unit (systemctl --user enable --now ftpmount@NAME) runs ~/.config/ftpmount/mounts.d/NAME.conf as
        that user, without root; sudo loginctl enable-linger USER starts it at boot without a login session.

        Options of ftpmount status:
          --json                   print each mount's status document as one JSON line (for scripts and monitoring)
          --watch, -w              refresh each second until Ctrl+C: on a terminal a live view with a progress bar
                                   per transfer; otherwise text blocks, or one JSON line per mount and second

        A normal user mounts without root where /dev/fuse is open to users and fusermount3 is setuid (desktops):
        on a folder of their own, allow_other only if /etc/fuse.conf has user_allow_other. The status socket is
        in $XDG_RUNTIME_DIR/ftpmount (0700), the spool in ~/.cache/ftpmount/spool.

        Exit codes: 0 ok, 1 other failure, 2 usage or config file, 3 mount point, 4 credentials, 5 unreachable,
        6 login refused, 7 TLS, 8 not ready in time, 130 interrupted.
        """;
}
