using System.Diagnostics;
using System.Globalization;

namespace FtpMount.Cli.Tests.Hosting;

/// <summary>Runs the built ftpmount.dll (copied beside the tests) as a real process, always under a deadline.</summary>
internal static class FtpmountBinary
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "ftpmount.dll");

    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        FtpMount.Testing.TestTier.RequireIntegration("runs the ftpmount binary");
        // dotnet test sets DOTNET_HOST_PATH to the dotnet it runs under.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "FTPMOUNT_PASSWORD", "FTPMOUNT_DAEMON_CHILD", "NOTIFY_SOCKET", "CREDENTIALS_DIRECTORY" })
        {
            start.Environment.Remove(name);
        }

        // Keep ~/.netrc of whoever runs the tests out of it.
        start.Environment["HOME"] = Path.GetTempPath();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancel)
    {
        using var process = Start(args, environment);
        return await FinishAsync(process, timeout, cancel);
    }

    public static async Task<(int ExitCode, string Output, string Error)> FinishAsync(Process process, TimeSpan timeout, CancellationToken cancel)
    {
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
            Assert.Fail($"ftpmount did not exit within {timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await error);
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
