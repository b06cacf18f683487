using System.Text;

namespace FtpMount.Cli.Options;

/// <summary>
/// <c>ftpmount --help</c>. The option list is generated from <see cref="MountOptionDescriptors"/>, the table the man
/// page's OPTIONS list comes from too.
/// </summary>
internal static class UsageText
{
    /// <summary>Where the right column of the option list starts.</summary>
    private const int TermWidth = 25;

    public static string Help { get; } = Head + OptionList() + Tail;

    private const string Head = """
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

        """;

    private const string Tail = """
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

    private static string OptionList()
    {
        var text = new StringBuilder();
        foreach (var option in MountOptionDescriptors.All)
        {
            var lines = option.Help.Split('\n');
            var term = "  " + option.HelpTerm;
            text.Append(lines[0].Length == 0 ? term : term.PadRight(TermWidth + 2) + lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                text.Append(' ', TermWidth + 2).Append(line).Append('\n');
            }
        }

        return text.ToString();
    }
}
