using System.Diagnostics;
using System.Text;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Testing.Hostile;

namespace FtpMount.Ftp.Tests.Hostile;

/// <summary>Each scripted misbehaviour does exactly what it says, seen from our client or from a raw session.</summary>
public sealed class MisbehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_download_ended_early_sends_only_the_bytes_up_to_that_offset_then_226()
    {
        await using var server = HostileFtpServer.Start();
        var content = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        server.CreateFile("f", content);
        using var _ = server.EndDownloadsAt("/f", 50_000);
        await using var session = await HostileSessions.ConnectAsync(server);

        Assert.Equal(content[..50_000], await HostileSessions.DownloadAsync(session, "/f"));
        Assert.Equal(content[40_000..50_000], await HostileSessions.DownloadAsync(session, "/f", offset: 40_000));
        Assert.Empty(await HostileSessions.DownloadAsync(session, "/f", offset: 60_000));
        Assert.Equal(100_000, await session.GetSizeAsync("/f", Ct));
        Assert.False(session.IsBroken);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cut_download_resets_the_data_connection_and_the_client_sees_an_error()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("f", new byte[1_000_000]);
        server.CreateFile("g", new byte[1_000_000]);
        using var _ = server.CutDownloads("/f", 300_000);
        await using var session = await HostileSessions.ConnectAsync(server);

        await Assert.ThrowsAnyAsync<Exception>(() => HostileSessions.DownloadAsync(session, "/f"));
        await using var again = await HostileSessions.ConnectAsync(server);
        Assert.Equal(1_000_000, (await HostileSessions.DownloadAsync(again, "/g")).Length);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cut_seen_from_a_raw_session_is_a_reset_after_the_scripted_bytes_and_the_scripted_reply()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("f", new byte[1_000_000]);
        using var _ = server.CutDownloads("/f", 300_000, finalReply: "226 all fine, honestly");
        await using var raw = await RawControl.ConnectAsync(server);
        using var data = await raw.OpenDataAsync();

        Assert.StartsWith("150", await raw.CommandAsync("RETR /f"), StringComparison.Ordinal);
        var received = 0L;
        var buffer = new byte[65536];
        var reset = false;
        try
        {
            int read;
            while ((read = await data.GetStream().ReadAsync(buffer, Ct)) > 0)
            {
                received += read;
            }
        }
        catch (IOException)
        {
            reset = true;
        }

        Assert.Equal("226 all fine, honestly", await raw.ReadReplyAsync());
        Assert.True(reset || received == 300_000, $"received {received}");
        Assert.True(received <= 300_000, $"received {received}");
    }

    [Fact(Timeout = 30_000)]
    public async Task Commands_answered_with_a_code_for_one_path_leave_the_others_alone()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("keep", [1]);
        server.CreateFile("gone", [2]);
        using var dele = server.Answer("DELE", "550 Permission denied.", "/keep");
        using var rnto = server.Answer("RNTO", "553 Refused.");
        await using var session = await HostileSessions.ConnectAsync(server);

        await Assert.ThrowsAsync<FtpPermanentException>(() => session.DeleteFileAsync("/keep", Ct));
        await session.DeleteFileAsync("/gone", Ct);
        await Assert.ThrowsAsync<FtpPermanentException>(() => session.RenameAsync("/keep", "/other", Ct));

        Assert.True(File.Exists(server.PathOf("keep")));
        Assert.False(File.Exists(server.PathOf("gone")));
        Assert.False(File.Exists(server.PathOf("other")));
        Assert.Equal(["/keep", "/gone"], server.Commands.Of("DELE").Select(c => c.Path));
        Assert.Equal(1, server.Commands.Count("RNTO", "/other"));

        rnto.Dispose();
        await session.RenameAsync("/keep", "/other", Ct);
        Assert.True(File.Exists(server.PathOf("other")));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_upload_stored_short_is_caught_by_the_clients_size_check()
    {
        await using var server = HostileFtpServer.Start();
        using var _ = server.Intercept("STOR", (c, next) =>
        {
            c.Transfer.StopAfterBytes = 1000;
            return next(c);
        });
        await using var session = await HostileSessions.ConnectAsync(server);

        await Assert.ThrowsAsync<FtpIntegrityException>(() => HostileSessions.UploadAsync(session, "/up", new byte[5000]));
        Assert.Equal(1000, new FileInfo(server.PathOf("up")).Length);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stray_reply_follows_the_listings_own_226()
    {
        await using var server = HostileFtpServer.Start();
        using var _ = server.AddStrayReply("MLSD", "250 stray");
        await using var raw = await RawControl.ConnectAsync(server);
        using var data = await raw.OpenDataAsync();

        Assert.StartsWith("150", await raw.CommandAsync("MLSD /"), StringComparison.Ordinal);
        await RawControl.ReadAllAsync(data);
        Assert.StartsWith("226", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Equal("250 stray", await raw.ReadReplyAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Dripped_replies_arrive_one_byte_at_a_time_and_still_parse()
    {
        await using var server = HostileFtpServer.Start();
        await using var raw = await RawControl.ConnectAsync(server);
        server.ReplyByteDelay = TimeSpan.FromMilliseconds(20);

        var watch = Stopwatch.StartNew();
        var reply = await raw.CommandAsync("NOOP");

        Assert.Equal("200 NOOP ok.", reply);
        // 14 bytes, each followed by 20 ms: the reply is complete once the 14th byte is written, before its own
        // delay, and timers may fire a little early, so the bound the delays guarantee is well below 14 x 20 ms.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(10 * 20), $"took {watch.Elapsed}");
        server.ReplyByteDelay = TimeSpan.Zero;
        await using var session = await HostileSessions.ConnectAsync(server);
        Assert.Equal("/", await session.GetWorkingDirectoryAsync(Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task Listing_facts_can_be_left_out_or_falsified_per_file()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("nosize", new byte[100]);
        server.CreateFile("wrongsize", new byte[100]);
        server.CreateFile("setuid", new byte[100]);
        using var a = server.ListWithoutSize("nosize");
        using var b = server.ListSizeAs("wrongsize", 5);
        using var c = server.ListModeAs("setuid", 0x9ED);
        using var d = server.AddListedEntries("/", ListedEntry.Symlink("evil", "../../../etc/passwd"), ListedEntry.Symlink("bare", null));
        await using var session = await HostileSessions.ConnectAsync(server);

        var entries = (await session.ListAsync("/", Ct)).Entries.ToDictionary(e => e.Name);

        Assert.Null(entries["nosize"].Size);
        Assert.Equal(5, entries["wrongsize"].Size);
        Assert.Equal(0x9ED, entries["setuid"].UnixMode);
        Assert.Equal((FtpEntryType.Symlink, "../../../etc/passwd"), (entries["evil"].Type, entries["evil"].SymlinkTarget));
        Assert.Equal((FtpEntryType.Symlink, (string?)null), (entries["bare"].Type, entries["bare"].SymlinkTarget));
        Assert.Null((await session.GetEntryAsync("/nosize", Ct))!.Size);
        Assert.Equal(100, await session.GetSizeAsync("/nosize", Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task Size_can_be_refused_or_answered_with_a_lie()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("f", new byte[100]);
        await using var session = await HostileSessions.ConnectAsync(server);

        using (server.LieAboutSize("/f", 1))
        {
            Assert.Equal(1, await session.GetSizeAsync("/f", Ct));
        }

        using (server.RefuseSize())
        {
            await Assert.ThrowsAsync<FtpPermanentException>(() => session.GetSizeAsync("/f", Ct));
        }

        Assert.Equal(100, await session.GetSizeAsync("/f", Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_generated_listing_is_streamed_as_it_is_read_never_built_in_memory()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateDirectory("huge");
        long produced = 0;
        IEnumerable<ListedEntry> Lines()
        {
            for (var i = 0; i < 50_000_000; i++)
            {
                Interlocked.Increment(ref produced);
                yield return ListedEntry.File("file-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i);
            }
        }

        using var _ = server.GenerateListing("/huge", Lines);
        await using var raw = await RawControl.ConnectAsync(server);
        var data = await raw.OpenDataAsync();
        Assert.StartsWith("150", await raw.CommandAsync("MLSD /huge"), StringComparison.Ordinal);
        var head = await RawControl.ReadAllAsync(data, limit: 4 * 1024 * 1024);
        data.Dispose();

        Assert.StartsWith("426", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("type=file;size=0;modify=20240102030405; file-0\r\n", Encoding.ASCII.GetString(head), StringComparison.Ordinal);
        // 4 MiB read is about 75,000 lines, each produced before it was sent; what the server produced beyond them is
        // bounded by its buffers, not by the 50 million.
        var linesRead = head.Count(b => b == (byte)'\n');
        Assert.InRange(Interlocked.Read(ref produced), linesRead, 2_000_000);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_generated_listing_of_a_million_lines_arrives_whole()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateDirectory("big");
        using var _ = server.GenerateListing(
            "/big", () => Enumerable.Range(0, 1_000_000).Select(i => ListedEntry.File("n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1)));
        await using var raw = await RawControl.ConnectAsync(server);
        using var data = await raw.OpenDataAsync();

        Assert.StartsWith("150", await raw.CommandAsync("NLST /big"), StringComparison.Ordinal);
        var bytes = await RawControl.ReadAllAsync(data);

        Assert.StartsWith("226", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Equal(1_000_000, bytes.Count(b => b == '\n'));
    }

    [Fact(Timeout = 30_000)]
    public async Task Hooks_compose_newest_first_and_can_close_the_connection()
    {
        await using var server = HostileFtpServer.Start();
        var order = new List<string>();
        using var first = server.Intercept("NOOP", async (c, next) =>
        {
            order.Add("first");
            await next(c);
        });
        using var second = server.Intercept("*", async (c, next) =>
        {
            if (c.Verb == "NOOP")
            {
                order.Add("second");
            }

            await next(c);
        });
        using var reset = server.Intercept("STAT", (c, _) =>
        {
            c.CloseConnection(DataConnectionEnd.Reset);
            return ValueTask.CompletedTask;
        });
        await using var raw = await RawControl.ConnectAsync(server);

        Assert.Equal("200 NOOP ok.", await raw.CommandAsync("NOOP"));
        Assert.Equal(["second", "first"], order);
        await raw.SendAsync("STAT");
        Assert.True(await raw.IsClosedByServerAsync());
    }
}
