using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Installer;

/// <summary>Runs a program on the host (dpkg, mount, the installer scripts) under a deadline; killed when it passes.</summary>
internal static class HostCommand
{
    public static async Task<CommandResult> RunAsync(
        string file,
        IEnumerable<string> args,
        TimeSpan timeout,
        CancellationToken cancel,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var result = await DeadlineProcess.RunAsync(DeadlineProcess.StartInfo(file, args, environment), timeout, cancel);
        return new CommandResult(file, result.ExitCode, result.Output, result.Error);
    }

    /// <summary>
    /// The environment every ftpmount started by these tests gets: no password variables or systemd sockets from
    /// whoever runs the tests, and a private HOME (no ~/.netrc) and spool under <paramref name="home"/>.
    /// </summary>
    public static Dictionary<string, string?> IsolatedEnvironment(string home) => new()
    {
        ["HOME"] = home,
        ["XDG_CACHE_HOME"] = Path.Combine(home, "cache"),
        ["FTPMOUNT_PASSWORD"] = null,
        ["NOTIFY_SOCKET"] = null,
        ["CREDENTIALS_DIRECTORY"] = null,
        ["FTPMOUNT_DAEMON_CHILD"] = null,
    };
}
