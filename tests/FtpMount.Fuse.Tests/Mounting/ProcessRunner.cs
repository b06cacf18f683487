using FtpMount.Testing.Processes;

namespace FtpMount.Fuse.Tests.Mounting;

/// <summary>
/// Runs a real program against a test mount, under <see cref="DeadlineProcess"/>'s deadline and not the test's token:
/// the lazy unmount in a mount's disposal must run even after the test was cancelled.
/// </summary>
internal static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static Task<ProcessResult> RunAsync(string file, params string[] arguments) =>
        DeadlineProcess.RunAsync(file, arguments, DefaultTimeout, CancellationToken.None);

    public static async Task<string> RunCheckedAsync(string file, params string[] arguments)
    {
        ProcessResult result = await RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"'{file} {string.Join(' ', arguments)}' exited {result.ExitCode}: {result.Error}");
        return result.Output;
    }
}
