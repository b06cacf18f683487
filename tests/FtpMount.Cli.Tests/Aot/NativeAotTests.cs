using FtpMount.Testing;
using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Aot;

/// <summary>
/// ftpmount published with Native AOT (our own binding has no reflection or runtime marshalling) mounts a real
/// server and serves a file byte for byte. Publishes into a temporary folder; needs clang and zlib1g-dev.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PublishGroup.Name)]
public class NativeAotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 1_500_000)]
    public async Task Native_aot_binary_mounts_a_server_and_round_trips_a_file()
    {
        FtpMount.Testing.TestTier.RequireIntegration("publishes with Native AOT");
        var output = Directory.CreateTempSubdirectory("ftpmount-aot-").FullName;
        var mountPoint = Directory.CreateTempSubdirectory("ftpmount-aot-mnt-").FullName;
        var binary = Path.Combine(output, "ftpmount");
        try
        {
            var publish = await RunAsync(
                "dotnet",
                ["publish", Path.Combine(RepositoryRoot(), "src", "FtpMount.Cli"), "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "-nologo"],
                TimeSpan.FromMinutes(20),
                // An MSBuild node left running for reuse inherits the output pipes and keeps them open for its
                // idle time after dotnet exits (seen in CI's fresh root, where nothing sets this for us).
                ("MSBUILDDISABLENODEREUSE", "1"),
                ("DOTNET_CLI_USE_MSBUILD_SERVER", "0"));
            Assert.True(publish.ExitCode == 0, $"AOT publish failed (needs clang and zlib1g-dev):\n{publish.Output}");
            Assert.DoesNotContain("warning IL", publish.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "ftpmount.dll")), "the published ftpmount is not a native binary");

            await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, null, Ct);
            var mount = await RunAsync(
                binary,
                [$"ftp://{server.UserName}@127.0.0.1:{server.Port}/", mountPoint],
                TimeSpan.FromSeconds(60),
                ("FTPMOUNT_PASSWORD", server.Password));
            Assert.True(mount.ExitCode == 0, $"AOT ftpmount did not mount:\n{mount.Output}");
            try
            {
                var content = new byte[3 * 1024 * 1024 + 5];
                new Random(42).NextBytes(content);
                await File.WriteAllBytesAsync(Path.Combine(mountPoint, "aot.bin"), content, Ct);
                Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(server.RootDirectory, "aot.bin"), Ct));
                Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(mountPoint, "aot.bin"), Ct));
                Assert.Contains("aot.bin", Directory.GetFiles(mountPoint).Select(Path.GetFileName));

                // The status document is source-generated JSON on both sides (no reflection in a trimmed binary).
                var status = await RunAsync(binary, ["status", "--json", mountPoint], TimeSpan.FromSeconds(30));
                Assert.True(status.ExitCode == 0, $"AOT ftpmount status --json failed:\n{status.Output}");
                using var document = System.Text.Json.JsonDocument.Parse(status.Output.Split('\n')[0]);
                Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
                Assert.Equal(mountPoint, document.RootElement.GetProperty("mountPoint").GetString());
                Assert.Equal(8, document.RootElement.GetProperty("connections").GetProperty("maximum").GetInt32());
                var text = await RunAsync(binary, ["status", mountPoint], TimeSpan.FromSeconds(30));
                Assert.True(text.ExitCode == 0 && text.Output.Contains("  connections  ", StringComparison.Ordinal), text.Output);
            }
            finally
            {
                var unmount = await RunAsync(binary, ["unmount", mountPoint], TimeSpan.FromSeconds(30));
                if (unmount.ExitCode != 0)
                {
                    await RunAsync("fusermount3", ["-u", "-z", mountPoint], TimeSpan.FromSeconds(30));
                }
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            Directory.Delete(mountPoint, recursive: true);
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

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string file, IEnumerable<string> args, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var result = await DeadlineProcess.RunAsync(
            DeadlineProcess.StartInfo(file, args, environment.ToDictionary(e => e.Name, string? (e) => e.Value)), timeout, Ct);
        return (result.ExitCode, result.Output + result.Error);
    }
}
