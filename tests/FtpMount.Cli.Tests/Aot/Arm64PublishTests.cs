using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Aot;

/// <summary>
/// ftpmount publishes for linux-arm64. Framework-dependent: Native AOT for arm64 needs an arm64 sysroot (libc and
/// zlib) that this x86-64 machine lacks, and nothing here can run an arm64 binary; what differs on arm64 at run
/// time, the 128-byte struct stat, is proven by StatArm64LayoutTests writing that layout on any machine.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PublishGroup.Name)]
public sealed class Arm64PublishTests
{
    private const ushort ElfMachineAarch64 = 183;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 900_000)]
    public async Task Framework_dependent_linux_arm64_publish_has_an_aarch64_launcher_and_the_fuse_binding()
    {
        FtpMount.Testing.TestTier.RequireIntegration("runs dotnet publish");
        var output = Directory.CreateTempSubdirectory("ftpmount-arm64-").FullName;
        try
        {
            // An MSBuild node or build server left running for reuse inherits our pipes, and WaitForExitAsync waits for
            // their end too: in CI's fresh root that turned a 2-minute publish into a 15-minute timeout.
            var start = DeadlineProcess.StartInfo(
                "dotnet",
                ["publish", Path.Combine(Installer.InstallerPaths.RepositoryRoot, "src", "FtpMount.Cli"), "-c", "Release", "-r", "linux-arm64", "--self-contained", "false", "-o", output, "-nologo"],
                new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" });
            var publish = await DeadlineProcess.RunAsync(start, TimeSpan.FromMinutes(14), Ct);
            Assert.True(publish.ExitCode == 0, $"dotnet publish -r linux-arm64 failed:\n{publish.Output}{publish.Error}");

            // The launcher is an aarch64 ELF executable (e_machine at offset 18, little-endian).
            var launcher = await File.ReadAllBytesAsync(Path.Combine(output, "ftpmount"), Ct);
            Assert.True(launcher.AsSpan(0, 4).SequenceEqual("\u007fELF"u8), "ftpmount is not an ELF file");
            Assert.Equal(ElfMachineAarch64, BitConverter.ToUInt16(launcher, 18));
            foreach (var assembly in new[] { "ftpmount.dll", "FtpMount.Fuse.dll", "FtpMount.Core.dll", "FtpMount.Ftp.dll" })
            {
                Assert.True(File.Exists(Path.Combine(output, assembly)), $"{assembly} is missing from the arm64 publish");
            }

            var runtimeConfig = await File.ReadAllTextAsync(Path.Combine(output, "ftpmount.runtimeconfig.json"), Ct);
            Assert.Contains("\"Microsoft.NETCore.App\"", runtimeConfig, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
