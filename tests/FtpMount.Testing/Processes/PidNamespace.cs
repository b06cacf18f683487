namespace FtpMount.Testing.Processes;

/// <summary>
/// Runs each daemon in its own PID namespace (<c>unshare --pid --fork --kill-child</c>, util-linux) under a
/// minimal init: <c>/bin/sh -c '"$@" &amp; wait $!'</c>. Killing that init makes the kernel kill every process
/// in the namespace and reap them (pid_namespaces(7)), so a server's session processes can neither outlive
/// it nor linger as zombies. Where namespaces are not allowed (an unprivileged container), daemons run
/// directly and <see cref="ProcessTreeKiller"/> alone cleans up.
/// </summary>
/// <remarks>
/// The daemon must not be the init itself. Init inherits every orphan in the namespace, and a forking daemon
/// reaps any child with <c>waitpid(-1)</c>: when a vsftpd session parent exits before its child, the child
/// is re-parented to init, and a vsftpd listener running as init reaps a pid it never forked and crashes
/// (SIGSEGV in its SIGCHLD handler, looking up the pid's client address), taking the whole server down.
/// The shell's <c>wait</c> reaps such orphans (dash waits for any child and drops unknown ones), exits with
/// the daemon's status when the daemon ends, and so ends the namespace with it. The daemon is always pid 2
/// in the namespace, the init's first child.
/// </remarks>
internal static class PidNamespace
{
    internal const string Unshare = "/usr/bin/unshare";

    /// <summary>The namespace's init: a shell that starts the daemon in the background and waits.</summary>
    internal const string InitShell = "/bin/sh";

    /// <summary>The daemon's pid inside its namespace (the init is 1).</summary>
    internal const int DaemonPid = 2;

    // "$0" names the init in ps; "$@" is the daemon's command line, passed through without quoting.
    private const string InitScript = "\"$@\" & wait $!";
    private const string InitName = "ftpmount-test-init";

    private static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(10);

    private static readonly Lazy<Task<bool>> Usable = new(ProbeAsync);

    internal static Task<bool> IsUsableAsync() => Usable.Value;

    /// <summary>The arguments of <see cref="Unshare"/> that run <paramref name="fileName"/> in a new PID namespace.</summary>
    internal static IEnumerable<string> WrapArguments(string fileName, IEnumerable<string> arguments) =>
        ["--pid", "--fork", "--kill-child", "--", InitShell, "-c", InitScript, InitName, fileName, .. arguments];

    /// <summary>What goes before the daemon's command line, for error messages.</summary>
    internal static string CommandLinePrefix =>
        $"{Unshare} --pid --fork --kill-child -- {InitShell} -c '{InitScript}' {InitName} ";

    private static async Task<bool> ProbeAsync()
    {
        if (!File.Exists(Unshare) || !File.Exists(InitShell) || !File.Exists("/bin/true"))
        {
            return false;
        }

        try
        {
            var result = await DeadlineProcess.RunAsync(Unshare, WrapArguments("/bin/true", []), ProbeDeadline, CancellationToken.None)
                .ConfigureAwait(false);
            return result.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException or IOException)
        {
            return false;
        }
    }
}
