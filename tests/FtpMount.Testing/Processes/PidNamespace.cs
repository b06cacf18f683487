using System.Diagnostics;

namespace FtpMount.Testing.Processes;

/// <summary>
/// Runs each daemon in its own PID namespace (<c>unshare --pid --fork --kill-child</c>, util-linux), under a
/// reaping shell that is the namespace's init (see <see cref="WrapArguments"/>). Killing that init makes the kernel kill every process in the namespace and reap them
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

    /// <summary>The name the reaping shell runs under ($0), so it is recognisable in ps.</summary>
    internal const string InitName = "ftpmount-test-init";

    /// <summary>
    /// The arguments that run <paramref name="fileName"/> in a new PID namespace under a small shell as init. The
    /// daemon must not be init itself: orphaned session processes are re-parented to init, and vsftpd 3.0.3's
    /// SIGCHLD handler looks every reaped pid up in its pid-to-IP table and dereferences the miss (NULL) in
    /// drop_ip_count, so the listener segfaults and the port goes dead mid-test. The shell starts the daemon,
    /// reaps whatever is re-parented to it while it waits, and exits with the daemon's status.
    /// </summary>
    internal static IEnumerable<string> WrapArguments(string fileName, IEnumerable<string> arguments) =>
        ["--pid", "--fork", "--kill-child", "--", "/bin/sh", "-c", "\"$@\" & wait $!", InitName, fileName, .. arguments];

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
