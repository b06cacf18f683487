using System.Globalization;
using FtpMount.Testing.Processes;

namespace FtpMount.Testing.Daemons;

/// <summary>
/// pure-ftpd 1.0.50, standalone in the foreground (no <c>-B</c>), configured only by flags. The test user is a
/// puredb virtual user built with <c>pure-pw mkdb</c> from a passwd file the fixture writes.
/// </summary>
internal static class PureFtpd
{
    private static readonly TimeSpan PurePwDeadline = TimeSpan.FromSeconds(15);

    /// <summary><c>-I</c> is in whole minutes (0 means the 15 min default), so round up to at least one.</summary>
    internal static int EffectiveIdleTimeoutSeconds(int requestedSeconds) =>
        Math.Max(1, (requestedSeconds + 59) / 60) * 60;

    internal static async Task<DaemonCommand> PrepareAsync(ServerSetup setup, CancellationToken cancellationToken)
    {
        ServerLayout layout = setup.Layout;
        TestAccount account = setup.Account;

        // pure-pw(8) format: account:hash:uid:gid:class:gecos:home[:limits...]. "/./" marks the chroot point.
        string passwdFile = ConfigFile.Write(
            Path.Combine(layout.ConfigDirectory, "pureftpd.passwd"),
            string.Create(
                CultureInfo.InvariantCulture,
                $"{account.UserName}:{account.PasswordHash}:{account.UserId}:{account.GroupId}::{layout.RootDirectory}/./::::::::::::\n"));
        string databaseFile = Path.Combine(layout.ConfigDirectory, "pureftpd.pdb");
        await MakeDatabaseAsync(setup.Installation.PurePw, databaseFile, passwdFile, cancellationToken).ConfigureAwait(false);

        string pidFile = Path.Combine(layout.RunDirectory, "pure-ftpd.pid");
        return new DaemonCommand(
            setup.Installation.PureFtpd,
            [
                "--bind", string.Create(CultureInfo.InvariantCulture, $"{setup.Host},{setup.Port}"),
                "--ipv4only",
                "--login", "puredb:" + databaseFile,
                "--noanonymous",
                "--chrooteveryone",
                "--dontresolve",

                // -C refuses the connection over the limit with "421 Too many connections (n) from this IP"
                // before forking; it counts live session processes, so a closed session frees its slot once
                // the standalone parent has reaped it.
                "--maxclientsperip", setup.MaxConnectionsPerIp.ToString(CultureInfo.InvariantCulture),
                "--maxclientsnumber", setup.MaxConnections.ToString(CultureInfo.InvariantCulture),
                "--maxidletime", (setup.IdleTimeoutSeconds / 60).ToString(CultureInfo.InvariantCulture),
                "--pidfile", pidFile,

                // pure-ftpd logs only to syslog; keep test servers out of the host's log.
                "--syslogfacility", "none",
            ],
            new Dictionary<string, string?>(),
            []);
    }

    private static async Task MakeDatabaseAsync(
        string purePw, string databaseFile, string passwdFile, CancellationToken cancellationToken)
    {
        var result = await DeadlineProcess.RunAsync(purePw, ["mkdb", databaseFile, "-f", passwdFile], PurePwDeadline, cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0 || !File.Exists(databaseFile))
        {
            throw new FtpTestServerException(
                $"`{purePw} mkdb {databaseFile} -f {passwdFile}` exited with code {result.ExitCode}: " + result.Output + result.Error);
        }
    }
}
