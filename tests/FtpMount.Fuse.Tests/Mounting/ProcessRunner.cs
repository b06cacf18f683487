using System.Diagnostics;

namespace FtpMount.Fuse.Tests.Mounting;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs a real program with a deadline: a wedged FUSE request must fail a test, not hang it.</summary>
internal static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task<ProcessResult> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Do not wait for the kill: a process stuck in a FUSE request may not die until the mount goes.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', arguments)}' did not finish within {DefaultTimeout}.");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<string> RunCheckedAsync(string file, params string[] arguments)
    {
        ProcessResult result = await RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"'{file} {string.Join(' ', arguments)}' exited {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput;
    }
}
