using System.Diagnostics;
using System.Globalization;
using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Hosting;

/// <summary>Runs the built ftpmount.dll (copied beside the tests) as a real process, always under a deadline.</summary>
internal static class FtpmountBinary
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "ftpmount.dll");

    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        FtpMount.Testing.TestTier.RequireIntegration("runs the ftpmount binary");
        // dotnet test sets DOTNET_HOST_PATH to the dotnet it runs under.
        var isolated = new Dictionary<string, string?>
        {
            ["FTPMOUNT_PASSWORD"] = null,
            ["FTPMOUNT_DAEMON_CHILD"] = null,
            ["NOTIFY_SOCKET"] = null,
            ["CREDENTIALS_DIRECTORY"] = null,
            // Keep ~/.netrc of whoever runs the tests out of it.
            ["HOME"] = Path.GetTempPath(),
        };
        foreach (var (name, value) in environment)
        {
            isolated[name] = value;
        }

        return DeadlineProcess.Start(
            DeadlineProcess.StartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [DllPath, .. args], isolated));
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancel)
    {
        using var process = Start(args, environment);
        return await FinishAsync(process, timeout, cancel);
    }

    public static async Task<(int ExitCode, string Output, string Error)> FinishAsync(Process process, TimeSpan timeout, CancellationToken cancel)
    {
        var result = await DeadlineProcess.FinishAsync(process, "ftpmount", timeout, cancel);
        return (result.ExitCode, result.Output, result.Error);
    }

    /// <summary>
    /// Waits, at most <paramref name="limit"/>, until no ftpmount.dll process serving <paramref name="mountPoint"/> is
    /// left. An unmount returns when the kernel lets go, while the daemon may still be closing its spool folder; a
    /// remount of the same server folder in that window is refused ("in use by another running ftpmount").
    /// </summary>
    /// <returns>Whether every such process was gone in time.</returns>
    public static async Task<bool> WaitForDaemonsToEndAsync(string mountPoint, TimeSpan limit, CancellationToken cancel)
    {
        var deadline = Stopwatch.StartNew();
        while (DaemonsServing(mountPoint).Any())
        {
            if (deadline.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(50, cancel);
        }

        return true;
    }

    private static IEnumerable<int> DaemonsServing(string mountPoint)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcStrings(pid, "cmdline") is { } arguments
                && arguments.Contains(DllPath)
                && arguments.Contains(mountPoint))
            {
                yield return pid;
            }
        }
    }

    /// <summary>Direct children of <paramref name="parent"/>, from the ppid field of /proc/PID/stat.</summary>
    public static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var fields = StatFields(pid);
            if (fields is not null && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }

    /// <summary>Session id of a process (field 6 of /proc/PID/stat), or null once it is gone.</summary>
    public static int? SessionOf(int pid) =>
        StatFields(pid) is { } fields ? int.Parse(fields[3], CultureInfo.InvariantCulture) : null;

    /// <summary>The NUL-separated strings of /proc/PID/cmdline or /proc/PID/environ; null once the process is gone.</summary>
    public static string[]? ProcStrings(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Fields after "pid (comm)": [0] state, [1] ppid, [2] pgrp, [3] session, ...</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
