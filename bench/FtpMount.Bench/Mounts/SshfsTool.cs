using System.Diagnostics;
using FtpMount.Bench.Processes;
using FtpMount.Bench.Ssh;

namespace FtpMount.Bench.Mounts;

/// <summary>
/// <c>sshfs -f USER@127.0.0.1:ROOT MOUNTPOINT</c>: a FUSE network filesystem written in C, as a reference next to
/// rclone. It mounts the very folder vsftpd serves (the FTP user's root) from the bench's private sshd, as that
/// same user, so its files have the owner FTP uploads get. sshfs's own options all stay at their defaults; the
/// only options given are ssh's, and only what running needs: <c>-F /dev/null</c> (root's ~/.ssh/config and
/// /etc/ssh/ssh_config must not change what is measured), <c>Port</c> (sshd's, or the delay relay's at 40 ms),
/// <c>IdentityFile</c> with <c>IdentitiesOnly=yes</c> (the bench's key, never root's keys or agent),
/// <c>UserKnownHostsFile</c> with <c>StrictHostKeyChecking=yes</c> (a known_hosts the bench writes for the
/// port, so the host key is checked), and <c>BatchMode=yes</c> (fail instead of prompting: nothing may hang).
/// The FTP endpoint a mount is given is not used: the ssh port for the network is fixed at construction.
/// </summary>
internal sealed class SshfsTool(SshServer server, int port, string remoteDirectory) : MountTool
{
    public override string Key => "sshfs";

    public override string DisplayName => "sshfs";

    /// <summary>"SSHFS version 3.7.3, OpenSSH_9.2p1 ..." for the report.</summary>
    public static async Task<string> DescribeVersionAsync(CancellationToken cancellationToken)
    {
        var sshfs = await CommandRunner.RunAsync("sshfs", ["--version"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var ssh = await CommandRunner.RunAsync("ssh", ["-V"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        string FirstLine(CommandResult result, string fallback) =>
            (result.StandardOutput + "\n" + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(line => !line.StartsWith("fusermount", StringComparison.Ordinal) && !line.StartsWith("FUSE", StringComparison.Ordinal))
            ?? fallback;
        return $"{FirstLine(sshfs, "sshfs (version unknown)")} over {FirstLine(ssh, "ssh (version unknown)")}";
    }

    public override Task<string> DescribeAsync(CancellationToken cancellationToken) => DescribeVersionAsync(cancellationToken);

    protected override Task<ProcessStartInfo> CreateStartInfoAsync(
        FtpEndpoint endpoint, string mountPoint, string scratchDirectory, CancellationToken cancellationToken)
    {
        var knownHosts = KnownHosts(scratchDirectory);
        server.WriteKnownHosts(knownHosts, port);
        var start = new ProcessStartInfo("sshfs");
        foreach (var argument in (string[])[
            $"{server.UserName}@{SshServer.Host}:{remoteDirectory}", mountPoint, "-f",
            "-F", "/dev/null",
            "-o", string.Join(',', SshOptions(knownHosts)),
        ])
        {
            start.ArgumentList.Add(argument);
        }

        return Task.FromResult(start);
    }

    // The known_hosts path is unique to this mount's scratch folder and on the command line of the ssh sshfs runs.
    protected override string? HelperProcessMarker(string scratchDirectory) => KnownHosts(scratchDirectory);

    private static string KnownHosts(string scratchDirectory) => Path.Combine(scratchDirectory, "known_hosts");

    private IEnumerable<string> SshOptions(string knownHosts) =>
    [
        $"Port={port}",
        $"IdentityFile={server.ClientKey}",
        "IdentitiesOnly=yes",
        $"UserKnownHostsFile={knownHosts}",
        "StrictHostKeyChecking=yes",
        "BatchMode=yes",
    ];
}
