using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// Issue 16 point 2 through a real mount: a file copied in with cp streams to the server while cp writes; when the
/// data connection is cut, the save at close goes on from what the server kept of the streamed temporary file, and a
/// second cut during that save goes on again, so the whole copy sends little more than the file once.
/// </summary>
[Trait("Category", "Integration")]
public class StreamedSaveResumeTests
{
    private const long FileSize = 500L << 20;
    private const long CutEvery = 200L << 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 1_200_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_500_MiB_cp_whose_upload_is_cut_twice_sends_under_1_2_times_the_file_and_arrives_whole(FtpServerKind kind)
    {
        var local = Directory.CreateTempSubdirectory("ftpmount-streamresume-");
        try
        {
            var source = Path.Combine(local.FullName, "big.bin");
            var expected = DistinctBlockFile.Write(source, FileSize);
            await using var mount = await FaultyMount.StartAsync(kind, throughProxy: true);

            // Every data connection is reset after 200 MiB: the streaming STOR while cp writes (at 200 MiB), then the
            // save at close that goes on from there (at 400 MiB), which goes on once more for the last 100 MiB.
            mount.Proxy!.ResetDataConnectionsAfter(CutEvery);
            var before = mount.Proxy.BytesRelayed;
            var copy = await mount.InMountAsync($"cp '{source}' big.bin", 900);
            var sent = mount.Proxy.BytesRelayed - before;

            Assert.True(copy.ExitCode == 0, $"cp failed ({copy.ExitCode}): {copy.Error}");
            Assert.True(sent < FileSize * 1.2, $"{sent:N0} bytes went through the proxy for a {FileSize:N0}-byte file: the save started again from zero.");
            Assert.True(sent > FileSize, $"Only {sent:N0} bytes went through the proxy: the file did not pass it.");
            Assert.Equal(expected, await DistinctBlockFile.HashAsync(mount.ServerPathOf("big.bin"), Ct));
            Assert.Empty(Directory.EnumerateFiles(mount.Server.RootDirectory, ".ftpmount-*"));
        }
        finally
        {
            local.Delete(recursive: true);
        }
    }
}
