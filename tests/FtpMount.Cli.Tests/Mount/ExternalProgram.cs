using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Runs a real program (ls, cp, dd, tar, python3 ...) against a mount, always under a deadline: a FUSE request
/// that never returns must fail the test, not hang the run.
/// </summary>
internal static class ExternalProgram
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs to the end or the deadline; <paramref name="cancel"/> defaults to the current test's token.</summary>
    public static async Task<ProgramResult> RunAsync(
        string file, IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken? cancel = null)
    {
        // Programs that format numbers or dates must print them the same way on every machine.
        var start = DeadlineProcess.StartInfo(file, arguments, new Dictionary<string, string?> { ["LC_ALL"] = "C", ["TZ"] = "UTC" });
        var result = await DeadlineProcess.RunAsync(start, timeout ?? DefaultTimeout, cancel ?? TestContext.Current.CancellationToken);
        return new ProgramResult(result.CommandLine, result.ExitCode, result.Output, result.Error);
    }

    public static Task<ProgramResult> RunAsync(string file, params string[] arguments) => RunAsync(file, arguments, null);

    /// <summary>Runs the program and fails the test unless it exits 0; returns its standard output.</summary>
    public static async Task<string> RunCheckedAsync(string file, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var result = await RunAsync(file, arguments, timeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    public static Task<string> RunCheckedAsync(string file, params string[] arguments) => RunCheckedAsync(file, arguments, null);

    /// <summary>sha256sum of one file, as lower-case hex.</summary>
    public static async Task<string> Sha256Async(string path, TimeSpan? timeout = null)
    {
        var output = await RunCheckedAsync("sha256sum", ["-b", path], timeout);
        return output.Split(' ', 2)[0];
    }

    /// <summary>Runs a python3 snippet with <paramref name="arguments"/> as sys.argv[1:].</summary>
    public static Task<string> PythonAsync(string script, params string[] arguments) =>
        RunCheckedAsync("python3", ["-c", script, .. arguments]);
}
