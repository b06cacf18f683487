using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Windows;

/// <summary>
/// No Windows machine runs these tests: this proves at least that the Windows build (Dokan runner, Credential
/// Manager binding, service host) compiles for win-x64 from Linux without a single warning. Needs NuGet access for
/// the win-x64 runtime pack. Builds into a private artifacts folder so the normal build outputs are not touched.
/// </summary>
[Trait("Category", "Integration")]
[Collection(Aot.PublishGroup.Name)]
public class WindowsBuildTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One build or publish; the two together stay inside the test's 20 minutes.</summary>
    private static readonly TimeSpan StepDeadline = TimeSpan.FromMinutes(9);

    [Fact(Timeout = 1_200_000)]
    public async Task Cli_builds_and_publishes_for_win_x64_without_warnings()
    {
        FtpMount.Testing.TestTier.RequireIntegration("builds and publishes for win-x64");
        var artifacts = Directory.CreateTempSubdirectory("ftpmount-winbuild-").FullName;
        try
        {
            var project = Path.Combine(RepositoryRoot(), "src", "FtpMount.Cli");
            var build = await DotnetAsync(["build", project, "-c", "Release", "-r", "win-x64", "-nologo", "--artifacts-path", artifacts]);
            Assert.True(build.ExitCode == 0, $"win-x64 build failed:\n{build.Output}");
            Assert.DoesNotContain(": warning ", build.Output, StringComparison.Ordinal);
            Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);

            var publish = await DotnetAsync(
                ["publish", project, "-c", "Release", "-r", "win-x64", "--self-contained", "false", "-nologo", "--artifacts-path", artifacts]);
            Assert.True(publish.ExitCode == 0, $"win-x64 publish failed:\n{publish.Output}");
            Assert.DoesNotContain(": warning ", publish.Output, StringComparison.Ordinal);
            var published = Directory.GetFiles(artifacts, "ftpmount.exe", SearchOption.AllDirectories);
            Assert.Contains(published, path => path.Contains("publish", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FtpMount.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FtpMount.sln not found above the test assembly.");
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(IEnumerable<string> args)
    {
        // A build server left running would keep the test's output pipes open.
        var start = DeadlineProcess.StartInfo(
            "dotnet", args, new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" });
        var result = await DeadlineProcess.RunAsync(start, StepDeadline, Ct);
        return (result.ExitCode, result.Output + result.Error);
    }
}
