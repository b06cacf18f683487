using System.Net;
using FtpMount.Ftp.Errors;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>
/// The SIZE that verifies an upload travels right behind its data, before the transfer's 226 came (the proxy records
/// how many replies were still owed when each command arrived), on the four real servers: it verifies uploads, a
/// size that differs is only believed from a SIZE asked alone, and replies out of step turn pipelining off. A SIZE
/// whose answer lies is in PipelinedSizeLieTests (the proxy cannot tell which reply answers it: proftpd, pure-ftpd and
/// pyftpdlib may answer it before the 226).
/// </summary>
[Trait("Category", "Integration")]
public sealed class PipelinedSizeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    /// <summary>
    /// A delay on the link, so the client's SIZE reaches the proxy before the server's 226 does whenever the client
    /// sends it without waiting for that reply (the 226 cannot come before the data's end has crossed the delay). It
    /// decides the order, not a measured time; long, so a loaded machine's pause between the two does not matter.
    /// </summary>
    private static FtpProxyOptions Delayed => FtpProxyOptions.Default with { OneWayDelay = TimeSpan.FromMilliseconds(300) };

    private static async Task<(FtpTestServer Server, FtpProxy.FtpProxy Proxy, FtpClient Client, string Home)> StartAsync(
        FtpServerKind kind, FtpProxyOptions proxyOptions, bool pipelining = true)
    {
        var server = await FtpTestServer.StartAsync(kind, null, Ct);
        var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, server.Port), proxyOptions);
        var client = new FtpClient(
            TestClients.OptionsFor(server) with { Port = proxy.Port, MaxConnections = 1, Pipelining = pipelining });
        var home = await client.GetWorkingDirectoryAsync(Ct);
        return (server, proxy, client, home);
    }

    /// <summary>The SIZE commands sent since <paramref name="from"/>, each with the replies still owed when it arrived.</summary>
    private static List<int> SizesSince(FtpProxy.FtpProxy proxy, int from) => OwedSince(proxy, from, "SIZE");

    /// <summary>The <paramref name="verb"/> commands sent since <paramref name="from"/>, each with the replies still owed when it arrived.</summary>
    private static List<int> OwedSince(FtpProxy.FtpProxy proxy, int from, string verb)
    {
        var verbs = proxy.Commands.Verbs;
        var owed = proxy.Commands.RepliesOwed;
        return [.. Enumerable.Range(from, verbs.Count - from).Where(i => verbs[i] == verb).Select(i => owed[i])];
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Uploads_are_verified_by_a_SIZE_sent_before_the_226_came(FtpServerKind kind)
    {
        var (server, proxy, client, home) = await StartAsync(kind, Delayed);
        await using var _ = server;
        await using var __ = proxy;
        await using var ___ = client;
        for (var i = 0; i < 3; i++)
        {
            var content = TestClients.RandomBytes(2000 + i, i);
            var from = proxy.Commands.Verbs.Count;

            Assert.Equal(content.Length, await client.UploadAsync(FtpPaths.Combine(home, $"f{i}.bin"), new MemoryStream(content), Ct));

            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(server.RootDirectory, $"f{i}.bin"), Ct));
            var sizes = SizesSince(proxy, from);
            // Behind the STOR, whose 226 was still owed; a server that answered it during the transfer (pyftpdlib,
            // pure-ftpd) is asked again alone.
            Assert.Equal(1, sizes[0]);
            Assert.All(sizes.Skip(1), owed => Assert.Equal(0, owed));
            Assert.InRange(sizes.Count, 1, 2);
        }

        Assert.True(client.Pipelining);
        Assert.Equal(1, client.Pool.OpenCount);
        Assert.Equal(3, (await client.ListAsync(home, Ct)).Entries.Count(e => e.Name.StartsWith('f')));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_stored_size_that_differs_fails_the_upload_after_a_SIZE_asked_alone_confirms_it(FtpServerKind kind)
    {
        var (server, proxy, client, home) = await StartAsync(kind, Delayed);
        await using var _ = server;
        await using var __ = proxy;
        await using var ___ = client;
        var from = proxy.Commands.Verbs.Count;
        var upload = await client.OpenWriteAsync(FtpPaths.Combine(home, "short.bin"), FtpWriteMode.Create, 0, Ct);
        await using (upload)
        {
            await upload.WriteAsync(new byte[100], Ct);
            // The server stores 100 bytes where 101 were meant: what a transfer cut short with a 226 leaves.
            var error = await Assert.ThrowsAsync<FtpIntegrityException>(() => upload.CompleteAsync(101, Ct));
            Assert.Contains("100", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal([1, 0], SizesSince(proxy, from));
        Assert.True(client.Pipelining);
        Assert.Equal(100, await client.GetSizeAsync(FtpPaths.Combine(home, "short.bin"), Ct));
        Assert.Equal(1, client.Pool.OpenCount);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_reply_out_of_step_after_an_upload_turns_pipelining_off_and_the_upload_still_lands(FtpServerKind kind)
    {
        var (server, proxy, client, home) = await StartAsync(kind, FtpProxyOptions.Default);
        await using var _ = server;
        await using var __ = proxy;
        await using var ___ = client;
        var content = TestClients.RandomBytes(4000, 9);
        // The STOR's final reply turns into a 350, which answers neither the STOR nor the SIZE behind it.
        proxy.ReplaceNextReplyTo("STOR", _ => "350 Pending\r\n");

        Assert.Equal(content.Length, await client.UploadAsync(FtpPaths.Combine(home, "again.bin"), new MemoryStream(content), Ct));

        Assert.False(client.Pipelining);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(server.RootDirectory, "again.bin"), Ct));
        var from = proxy.Commands.Verbs.Count;
        Assert.Equal(content.Length, await client.UploadAsync(FtpPaths.Combine(home, "alone.bin"), new MemoryStream(content), Ct));
        Assert.Equal([0], SizesSince(proxy, from));

        // Every session of the client stops pipelining, the data channel's EPSV + transfer command too.
        await using (var download = await client.OpenReadAsync(FtpPaths.Combine(home, "alone.bin"), 0, Ct))
        {
            await download.CopyToAsync(Stream.Null, Ct);
        }

        Assert.Equal([0], OwedSince(proxy, from, "STOR"));
        Assert.Equal([0], OwedSince(proxy, from, "RETR"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Without_pipelining_the_SIZE_waits_for_the_226(FtpServerKind kind)
    {
        var (server, proxy, client, home) = await StartAsync(kind, Delayed, pipelining: false);
        await using var _ = server;
        await using var __ = proxy;
        await using var ___ = client;
        var content = TestClients.RandomBytes(2500, 4);
        var from = proxy.Commands.Verbs.Count;

        Assert.Equal(content.Length, await client.UploadAsync(FtpPaths.Combine(home, "one.bin"), new MemoryStream(content), Ct));

        Assert.Equal([0], SizesSince(proxy, from));
    }
}
