using System.Diagnostics;

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
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        ApplyEnvironment(start, environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var error = process.StandardError.ReadToEndAsync(cancel);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s.");
        }

        return new CommandResult(file, process.ExitCode, await output, await error);
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

    public static void ApplyEnvironment(ProcessStartInfo start, IReadOnlyDictionary<string, string?>? environment)
    {
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
    }
}
