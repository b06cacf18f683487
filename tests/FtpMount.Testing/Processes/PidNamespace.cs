using System.Diagnostics;

namespace FtpMount.Testing.Processes;

/// <summary>
/// Runs each daemon as the init process of its own PID namespace (<c>unshare --pid --fork --kill-child</c>,
/// util-linux). Killing that init makes the kernel kill every process in the namespace and reap them
/// (pid_namespaces(7)), so a server's session processes can neither outlive it nor linger as zombies of an
/// init that reaps lazily. Where namespaces are not allowed (an unprivileged container), daemons run
/// directly and <see cref="ProcessTreeKiller"/> alone cleans up.
/// </summary>
internal static class PidNamespace
{
    internal const string Unshare = "/usr/bin/unshare";

    private static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(10);

    private static readonly Lazy<Task<bool>> Usable = new(ProbeAsync);

    internal static Task<bool> IsUsableAsync() => Usable.Value;

    /// <summary>The arguments that run <paramref name="fileName"/> as init of a new PID namespace.</summary>
    internal static IEnumerable<string> WrapArguments(string fileName, IEnumerable<string> arguments) =>
        ["--pid", "--fork", "--kill-child", "--", fileName, .. arguments];

    private static async Task<bool> ProbeAsync()
    {
        if (!File.Exists(Unshare) || !File.Exists("/bin/true"))
        {
            return false;
        }

        var startInfo = new ProcessStartInfo(Unshare)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in WrapArguments("/bin/true", []))
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(startInfo)!;
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(ProbeDeadline);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
