using System.Diagnostics;

namespace FtpMount.Bench.Processes;

/// <summary>
/// Runs external commands with a deadline. The timed span is process start to exit, so it covers everything the
/// command does, close() included; process start-up (about a millisecond) is part of it for every tool alike.
/// A command past its deadline is killed with its children and reported as a failure.
/// </summary>
internal static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new CommandFailedException(
                $"{Describe(fileName, arguments)} ran past its deadline of {timeout.TotalSeconds:0} s and was killed. "
                + $"stderr: {Tail(await stderr.ConfigureAwait(false))}");
        }

        stopwatch.Stop();
        return new CommandResult(
            process.ExitCode, stopwatch.Elapsed, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs a command and throws unless it exits with 0.</summary>
    public static async Task<CommandResult> RunCheckedAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null)
    {
        var result = await RunAsync(fileName, arguments, timeout, cancellationToken, environment, standardInput).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CommandFailedException(
                $"{Describe(fileName, arguments)} exited with {result.ExitCode}. stderr: {Tail(result.StandardError)}");
        }

        return result;
    }

    /// <summary>Runs a shell snippet; arguments arrive as $1, $2, ... so paths need no quoting.</summary>
    public static Task<CommandResult> ShellAsync(
        string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
        => RunCheckedAsync("/bin/sh", ["-c", script, "sh", .. arguments], timeout, cancellationToken);

    public static string Describe(string fileName, IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? fileName : fileName + " " + string.Join(' ', arguments);

    public static string Tail(string text, int characters = 2000) =>
        text.Length <= characters ? text.Trim() : "..." + text[^characters..].Trim();
}
