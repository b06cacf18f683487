using System.Net;
using System.Security.Cryptography;
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
        var expected = WriteDistinctBlocks(source, FileSize);

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
        Assert.Equal(expected, await HashAsync(Path.Combine(server.RootDirectory, "big.part")));
    }

    /// <summary>
    /// Random bytes, each MiB made unlike the others by its index, so content resumed at a wrong offset cannot match.
    /// </summary>
    private static string WriteDistinctBlocks(string path, long size)
    {
        var block = new byte[1 << 20];
        new Random(20261205).NextBytes(block);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = File.Create(path);
        for (long written = 0, index = 0; written < size; written += block.Length, index++)
        {
            BitConverter.TryWriteBytes(block.AsSpan(0, 8), index);
            file.Write(block);
            hash.AppendData(block);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, Ct));
    }
}
