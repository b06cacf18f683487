using System.ComponentModel;
using System.Diagnostics;

namespace FtpMount.Cli.Mounting;

/// <summary>Runs a helper program (fusermount3, umount) with a deadline; it is killed when the deadline passes.</summary>
internal static class ExternalCommand
{
    /// <summary>Exit code and stderr of the finished program; null when it is not installed.</summary>
    public static async Task<(int ExitCode, string Error)?> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(fileName)
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

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancel);
            var error = process.StandardError.ReadToEndAsync(cancel);
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
                return (-1, $"{fileName} did not finish within {timeout.TotalSeconds:0.#} s and was stopped.");
            }

            await output.ConfigureAwait(false);
            return (process.ExitCode, (await error.ConfigureAwait(false)).Trim());
        }
    }
}
