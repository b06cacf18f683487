using System.Diagnostics;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>A 1 GiB file goes in and comes back out through the mount unchanged, on every server.</summary>
[Collection(nameof(RunsAlone))]
[Trait("Category", "Integration")]
public sealed class LargeFileTests(GigabyteFile original) : IClassFixture<GigabyteFile>
{
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(4);

    [Theory(Timeout = 600_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Cp_of_a_1_GiB_file_in_and_out_keeps_its_sha256(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        using var local = new TempDirectory();
        var output = TestContext.Current.TestOutputHelper;

        var clock = Stopwatch.StartNew();
        await ExternalProgram.RunCheckedAsync("cp", [original.Path, mount.PathOf("big.bin")], CopyTimeout);
        var copyIn = clock.Elapsed;
        Assert.True(
            original.Sha256 == await ExternalProgram.Sha256Async(mount.ServerPathOf("big.bin"), CopyTimeout),
            $"The copy on the server differs from the original. {mount.Describe()}");

        var back = Path.Combine(local.Path, "back.bin");
        clock.Restart();
        await ExternalProgram.RunCheckedAsync("cp", [mount.PathOf("big.bin"), back], CopyTimeout);
        var copyOut = clock.Elapsed;
        Assert.Equal(original.Sha256, await ExternalProgram.Sha256Async(back, CopyTimeout));
        Assert.Equal($"{GigabyteFile.Size}\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%s", mount.PathOf("big.bin")));

        output?.WriteLine($"{kind}: 1 GiB cp in {copyIn.TotalSeconds:0.0} s ({GigabyteFile.Size / 1048576.0 / copyIn.TotalSeconds:0} MiB/s), "
            + $"cp out {copyOut.TotalSeconds:0.0} s ({GigabyteFile.Size / 1048576.0 / copyOut.TotalSeconds:0} MiB/s)");
    }
}
