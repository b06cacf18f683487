using FtpMount.Cli.Tests.Hosting;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>ftpmount on a machine without libfuse 3 says which files it looked for and what to install, before it contacts the server.</summary>
[Trait("Category", "Integration")]
public sealed class MissingLibfuseTests
{
    [Fact(Timeout = 120_000)]
    public async Task Without_libfuse_ftpmount_names_both_sonames_and_the_package_and_exits_1()
    {
        TestTier.RequireIntegration("runs the ftpmount binary");
        var hidden = await SystemLibfuse.FindAsync();
        Assert.NotEmpty(hidden);
        using var mountPoint = new TempDirectory();
        var spool = Path.Combine(Path.GetTempPath(), "ftpmount-lfspool-" + Guid.NewGuid().ToString("N"));

        // Port 1 on loopback: nothing listens there, so reaching the server first would end in "Cannot reach".
        var result = await Mount.ExternalProgram.RunAsync(
            "unshare",
            ["--mount", "--propagation", "private", "--", "/bin/sh", "-c",
             "while [ \"$1\" != -- ]; do mount --bind /dev/null \"$1\" || exit 97; shift; done; shift; exec env -u LD_LIBRARY_PATH HOME=/tmp FTPMOUNT_PASSWORD=x \"$@\"",
             "sh", .. hidden, "--",
             Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", FtpmountBinary.DllPath, "ftp://nobody@127.0.0.1:1/", mountPoint.Path, "-f",
             "-o", "spool_dir=" + spool],
            TimeSpan.FromSeconds(60));
        if (Directory.Exists(spool))
        {
            Directory.Delete(spool, recursive: true);
        }

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("libfuse 3 is not installed", result.Error, StringComparison.Ordinal);
        Assert.Contains("libfuse3.so.4", result.Error, StringComparison.Ordinal);
        Assert.Contains("libfuse3.so.3", result.Error, StringComparison.Ordinal);
        Assert.Contains("apt install fuse3", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot reach", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }
}
