using System.Diagnostics;

namespace FtpMount.Testing.Processes;

/// <summary>
/// Runs a real program for a test, always under a deadline: a program stuck in a FUSE request, a dead server or a
/// build server holding the pipes must fail the test, not hang the run. The one helper every test project uses.
/// </summary>
public static class DeadlineProcess
{
    /// <summary>
    /// A start for <paramref name="file"/> with standard input, output and error redirected. In
    /// <paramref name="environment"/> a null value removes the variable.
    /// </summary>
    public static ProcessStartInfo StartInfo(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

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

        return start;
    }

    /// <summary>Starts the program; its standard input, when redirected, is closed at once (it reads end of file).</summary>
    public static Process Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        if (start.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

        return process;
    }

    /// <summary>Runs the program to its end; see <see cref="FinishAsync"/>.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancel)
    {
        using var process = Start(start);
        return await FinishAsync(process, CommandLine(start), timeout, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="RunAsync(ProcessStartInfo, TimeSpan, CancellationToken)"/> for the few synchronous callers (a
    /// static probe, a compiler run from a sync test); nothing in it needs the caller's synchronization context.
    /// </summary>
    public static ProcessResult Run(ProcessStartInfo start, TimeSpan timeout) =>
        RunAsync(start, timeout, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc cref="RunAsync(ProcessStartInfo, TimeSpan, CancellationToken)"/>
    public static Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancel) =>
        RunAsync(StartInfo(file, arguments), timeout, cancel);

    /// <summary>
    /// Waits for a started program (output and error redirected) to end and collects what it printed. When
    /// <paramref name="timeout"/> passes first the whole process tree is killed and a <see cref="TimeoutException"/>
    /// names the command; when <paramref name="cancel"/> fires it is killed too and the cancellation propagates.
    /// The kill is not waited for: a process stuck in a FUSE request only dies once the mount is gone.
    /// </summary>
    public static async Task<ProcessResult> FinishAsync(Process process, string commandLine, TimeSpan timeout, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(process);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancel.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{commandLine}' did not finish within {timeout.TotalSeconds} s.");
        }

        return new ProcessResult(commandLine, process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>
    /// Waits up to <paramref name="deadline"/> for a long-running process to end and for <paramref name="drained"/>
    /// (the readers of its output) to finish; true when it ended in time. Nothing is killed: the caller decides.
    /// </summary>
    public static async Task<bool> WaitForExitAsync(Process process, Task drained, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(drained);
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await drained.WaitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    /// <summary>The program and its arguments as one line, for messages.</summary>
    public static string CommandLine(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return start.ArgumentList.Count == 0 ? start.FileName : start.FileName + " " + string.Join(' ', start.ArgumentList);
    }
}
