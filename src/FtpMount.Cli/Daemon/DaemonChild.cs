using FtpMount.Cli.Native;
using FtpMount.Ftp;

namespace FtpMount.Cli.Daemon;

/// <summary>
/// The background side of <see cref="BackgroundLauncher"/>: the process it started with <see cref="MarkerVariable"/>
/// set. Its stdin carries the credentials, its stdout the readiness line, its stderr the log until the starter exits.
/// </summary>
internal static class DaemonChild
{
    public const string MarkerVariable = "FTPMOUNT_DAEMON_CHILD";

    public static bool IsCurrentProcess => Environment.GetEnvironmentVariable(MarkerVariable) == "1";

    /// <summary>
    /// Leaves the starter's session and working directory and takes stdout as the readiness channel. Call first,
    /// so that every later failure can still be reported to the starter.
    /// </summary>
    public static IMountReadiness Detach()
    {
        // Processes the mount runner may start must not believe they are daemon children too.
        Environment.SetEnvironmentVariable(MarkerVariable, null);

        // Own session: no controlling terminal, so closing the terminal (SIGHUP) or Ctrl-C there leaves the mount alone.
        // Fails only with EPERM when already a group leader, which Process.Start never makes us.
        _ = LibC.setsid();

        var toStarter = Console.OpenStandardOutput();
        // stdout now belongs to the readiness protocol; nothing else may write there.
        Console.SetOut(TextWriter.Null);
        // Do not keep the starter's working directory busy (it could be on a filesystem someone wants to unmount).
        Directory.SetCurrentDirectory("/");
        return new PipeReadiness(toStarter);
    }

    /// <summary>The credentials the starter wrote to our stdin; see <see cref="CredentialHandoff"/>.</summary>
    public static FtpCredentials ReadCredentials() => CredentialHandoff.Read(Console.OpenStandardInput());
}
