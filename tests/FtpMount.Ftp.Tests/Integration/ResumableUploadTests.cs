using System.Net;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

[Trait("Category", "Integration")]
public class ResumableUploadTests
{
    private const long FileSize = 500L << 20;
    private const long CutEvery = 200L << 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 600_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task A_500_MiB_upload_cut_twice_goes_on_from_what_the_server_kept(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        var local = Directory.CreateTempSubdirectory("ftpmount-resume-");
        try
        {
            await UploadCutTwiceAsync(server, Path.Combine(local.FullName, "big.bin"));
        }
        finally
        {
            local.Delete(recursive: true);
        }
    }

    private static async Task UploadCutTwiceAsync(FtpTestServer server, string source)
    {
        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), FtpProxyOptions.Default);
        var expected = DistinctBlockFile.Write(source, FileSize);

        // Every data connection is reset after 200 MiB: the first two attempts are cut, the third has 100 MiB left.
        proxy.ResetDataConnectionsAfter(CutEvery);
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { Port = proxy.Port });
        var before = proxy.BytesRelayed;
        long stored;
        await using (var stream = File.OpenRead(source))
        {
            stored = await client.UploadAsync("/big.part", stream, Ct);
        }

        var sent = proxy.BytesRelayed - before;
        Assert.Equal(FileSize, stored);
        Assert.True(sent < FileSize * 1.2, $"{sent:N0} bytes went through the proxy for a {FileSize:N0}-byte file: the upload started again from zero.");
        Assert.True(sent > FileSize, $"Only {sent:N0} bytes went through the proxy: the file did not pass it.");
        Assert.Equal(expected, await DistinctBlockFile.HashAsync(Path.Combine(server.RootDirectory, "big.part"), Ct));
    }
}
