using System.Net.Sockets;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Testing.Hostile;

namespace FtpMount.Ftp.Tests.Hostile;

/// <summary>Left alone, the scriptable server behaves like a real one over its folder, for our own client and for raw sessions.</summary>
public sealed class HostileFtpServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Files_written_read_renamed_and_deleted_through_ftp_are_the_files_in_its_folder()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("dir/seeded.bin", [1, 2, 3, 4, 5]);
        await using var session = await HostileSessions.ConnectAsync(server);
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();

        await HostileSessions.UploadAsync(session, "/dir/up.bin", content);
        await HostileSessions.UploadAsync(session, "/dir/up.bin", [9, 9], FtpWriteMode.Append);
        Assert.Equal([.. content, 9, 9], await File.ReadAllBytesAsync(server.PathOf("dir/up.bin"), Ct));
        Assert.Equal([1, 2, 3, 4, 5], await HostileSessions.DownloadAsync(session, "/dir/seeded.bin"));
        Assert.Equal([4, 5], await HostileSessions.DownloadAsync(session, "/dir/seeded.bin", offset: 3));
        Assert.Equal(300_002, await session.GetSizeAsync("/dir/up.bin", Ct));

        var stamp = new DateTimeOffset(2021, 5, 6, 7, 8, 9, TimeSpan.Zero);
        await session.SetModifiedTimeAsync("/dir/up.bin", stamp, Ct);
        Assert.Equal(stamp, await session.GetModifiedTimeAsync("/dir/up.bin", Ct));
        await session.ChangeModeAsync("/dir/up.bin", 0x1C0, Ct);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(server.PathOf("dir/up.bin")));

        await session.RenameAsync("/dir/up.bin", "/dir/seeded.bin", Ct);
        Assert.Equal(300_002, new FileInfo(server.PathOf("dir/seeded.bin")).Length);
        await session.CreateDirectoryAsync("/dir/sub", Ct);
        Assert.True(Directory.Exists(server.PathOf("dir/sub")));
        await Assert.ThrowsAsync<FtpPermanentException>(() => session.RemoveDirectoryAsync("/dir", Ct));
        await session.RemoveDirectoryAsync("/dir/sub", Ct);
        await session.DeleteFileAsync("/dir/seeded.bin", Ct);
        Assert.Empty(Directory.GetFileSystemEntries(server.PathOf("dir")));
        await Assert.ThrowsAsync<FtpPermanentException>(() => session.DeleteFileAsync("/dir/seeded.bin", Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task Mlsd_and_mlst_give_type_size_time_and_mode()
    {
        await using var server = HostileFtpServer.Start();
        var file = server.CreateFile("a b.txt", new byte[1234]);
        File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        File.SetUnixFileMode(file, (UnixFileMode)0x1A4);
        server.CreateDirectory("sub");
        await using var session = await HostileSessions.ConnectAsync(server);

        var listing = await session.ListAsync("/", Ct);

        Assert.Empty(listing.Rejected);
        var entry = Assert.Single(listing.Entries, e => e.Name == "a b.txt");
        Assert.Equal(new FtpListEntry("a b.txt", FtpEntryType.File, 1234, new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), 0x1A4, null), entry);
        Assert.Equal(FtpEntryType.Directory, Assert.Single(listing.Entries, e => e.Name == "sub").Type);
        Assert.Equal(entry, await session.GetEntryAsync("/a b.txt", Ct));
        Assert.Null(await session.GetEntryAsync("/missing", Ct));
        Assert.Contains("MLSD /", server.Commands.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_mlst_in_feat_the_client_lists_with_unix_list_lines_sizes_and_links_included()
    {
        await using var server = HostileFtpServer.Start(new HostileFtpServerOptions { Features = HostileFtpServerOptions.ListOnlyFeatures });
        server.CreateFile("dir/old.txt", new byte[77]);
        File.SetLastWriteTimeUtc(server.PathOf("dir/old.txt"), new DateTime(2019, 3, 4, 0, 0, 0, DateTimeKind.Utc));
        server.CreateFile("dir/new.txt", new byte[5_000_000_000 / 1_000_000]);
        File.CreateSymbolicLink(server.PathOf("dir/link"), "new.txt");
        await using var session = await HostileSessions.ConnectAsync(server);

        var listing = await session.ListAsync("/dir", Ct);

        Assert.False(session.Features.Mlst);
        Assert.Empty(listing.Rejected);
        Assert.Equal(77, Assert.Single(listing.Entries, e => e.Name == "old.txt").Size);
        Assert.Equal(new DateTimeOffset(2019, 3, 4, 0, 0, 0, TimeSpan.Zero), Assert.Single(listing.Entries, e => e.Name == "old.txt").Modified);
        Assert.Equal(5000, Assert.Single(listing.Entries, e => e.Name == "new.txt").Size);
        var link = Assert.Single(listing.Entries, e => e.Name == "link");
        Assert.Equal((FtpEntryType.Symlink, "new.txt"), (link.Type, link.SymlinkTarget));
        Assert.Equal(1, server.Commands.Count("LIST"));
        Assert.Equal(0, server.Commands.Count("MLSD"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Nothing_outside_the_folder_can_be_read_entered_or_written_not_even_through_links()
    {
        await using var server = HostileFtpServer.Start();
        var outside = Directory.CreateTempSubdirectory("ftpmount-hostile-outside-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(outside, "secret"), "secret", Ct);
            File.CreateSymbolicLink(server.PathOf("to-secret"), Path.Combine(outside, "secret"));
            File.CreateSymbolicLink(server.PathOf("to-outside"), outside);
            File.CreateSymbolicLink(server.PathOf("dangling"), Path.Combine(outside, "new"));
            server.CreateFile("inside.txt", "inside"u8);
            File.CreateSymbolicLink(server.PathOf("to-inside"), "inside.txt");
            await using var session = await HostileSessions.ConnectAsync(server);

            await Assert.ThrowsAsync<FtpPermanentException>(() => HostileSessions.DownloadAsync(session, "/to-secret"));
            await Assert.ThrowsAsync<FtpPermanentException>(() => HostileSessions.DownloadAsync(session, "/../../../../" + outside + "/secret"));
            await Assert.ThrowsAsync<FtpPermanentException>(() => session.ChangeDirectoryAsync("/to-outside", Ct));
            await Assert.ThrowsAsync<FtpPermanentException>(() => session.ListAsync("/to-outside", Ct));
            await Assert.ThrowsAsync<FtpPermanentException>(() => HostileSessions.UploadAsync(session, "/to-outside/planted", [1]));
            await Assert.ThrowsAsync<FtpPermanentException>(() => HostileSessions.UploadAsync(session, "/dangling", [1]));
            await Assert.ThrowsAsync<FtpPermanentException>(() => session.RenameAsync("/inside.txt", "/to-outside/moved", Ct));
            Assert.Equal("inside"u8.ToArray(), await HostileSessions.DownloadAsync(session, "/to-inside"));
            var listing = await session.ListAsync("/", Ct);
            Assert.Equal(Path.Combine(outside, "secret"), Assert.Single(listing.Entries, e => e.Name == "to-secret").SymlinkTarget);

            Assert.Equal(["secret"], Directory.GetFileSystemEntries(outside).Select(Path.GetFileName));
            Assert.True(File.Exists(server.PathOf("inside.txt")));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Many_sessions_are_served_at_once()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("f", new byte[100_000]);
        // Every session holds a transfer open until all have started: served one at a time, this would never finish.
        using var started = new CountdownEvent(12);
        using var _ = server.Intercept("RETR", async (c, next) =>
        {
            started.Signal();
            await Task.Run(() => started.Wait(TimeSpan.FromSeconds(20), c.CancellationToken), c.CancellationToken);
            await next(c);
        });

        var sessions = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => HostileSessions.ConnectAsync(server)));
        try
        {
            var reads = await Task.WhenAll(sessions.Select(s => HostileSessions.DownloadAsync(s, "/f")));
            Assert.All(reads, r => Assert.Equal(100_000, r.Length));
            Assert.Equal(12, server.ActiveSessions);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Wrong_password_is_refused_and_commands_need_a_login()
    {
        await using var server = HostileFtpServer.Start();
        var error = await Assert.ThrowsAsync<FtpAuthenticationException>(
            () => HostileSessions.ConnectAsync(server, HostileSessions.OptionsFor(server) with { Credentials = new FtpCredentials(server.UserName, "wrong") }));
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);

        await using var raw = await RawControl.ConnectAsync(server, logIn: false);
        Assert.StartsWith("530", await raw.CommandAsync("RETR /x"), StringComparison.Ordinal);
        Assert.All(server.Commands.Of("PASS"), c => Assert.Equal("***", c.Argument));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_session_that_stays_silent_past_the_idle_deadline_is_told_421_and_closed()
    {
        await using var server = HostileFtpServer.Start(new HostileFtpServerOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        await using var raw = await RawControl.ConnectAsync(server);

        Assert.StartsWith("421", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.True(await raw.IsClosedByServerAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_transfer_whose_data_connection_never_comes_fails_with_425_at_the_deadline()
    {
        await using var server = HostileFtpServer.Start(new HostileFtpServerOptions { IoTimeout = TimeSpan.FromSeconds(1) });
        server.CreateFile("f", [1]);
        await using var raw = await RawControl.ConnectAsync(server);

        Assert.StartsWith("227", await raw.CommandAsync("PASV"), StringComparison.Ordinal);
        Assert.StartsWith("150", await raw.CommandAsync("RETR /f"), StringComparison.Ordinal);
        Assert.StartsWith("425", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("200", await raw.CommandAsync("NOOP"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Disposal_closes_every_connection_stops_listening_and_deletes_its_temporary_folder()
    {
        var server = HostileFtpServer.Start();
        server.CreateFile("f", new byte[10]);
        var root = server.RootDirectory;
        var port = server.Port;
        await using var idle = await RawControl.ConnectAsync(server);
        await using var session = await HostileSessions.ConnectAsync(server);
        var download = await session.OpenReadAsync("/f", 0, Ct);
        Assert.Equal(2, server.ActiveSessions);

        await server.DisposeAsync();

        Assert.Equal(0, server.ActiveSessions);
        Assert.True(await idle.IsClosedByServerAsync());
        Assert.False(Directory.Exists(root));
        Assert.False(await SomeoneListensOnAsync(port), $"something still accepts connections on port {port}");
        await download.DisposeAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task Session_commands_a_mount_sends_are_understood()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateDirectory("d/e");
        await using var raw = await RawControl.ConnectAsync(server);

        string[] commands = ["SYST", "OPTS UTF8 ON", "TYPE I", "MODE S", "STRU F", "CWD /d/e", "CDUP", "PWD", "NOOP", "ABOR", "REST 10", "PASV", "EPSV"];
        string[] expected = ["215", "200", "200", "200", "200", "250", "250", "257 \"/d\"", "200", "225", "350", "227", "229"];
        for (var i = 0; i < commands.Length; i++)
        {
            Assert.StartsWith(expected[i], await raw.CommandAsync(commands[i]), StringComparison.Ordinal);
        }

        var feat = await raw.CommandAsync("FEAT");
        Assert.Contains(" MLST type*;size*;modify*;UNIX.mode*;", feat, StringComparison.Ordinal);
        Assert.Contains(" REST STREAM", feat, StringComparison.Ordinal);
        Assert.StartsWith("502", await raw.CommandAsync("XYZZY"), StringComparison.Ordinal);
        Assert.StartsWith("221", await raw.CommandAsync("QUIT"), StringComparison.Ordinal);
        Assert.True(await raw.IsClosedByServerAsync());
    }

    /// <summary>
    /// Whether a connect to the port is accepted. A connect to a port nobody listens on can still succeed as a TCP
    /// self-connect, when the kernel picks that very port as the probe's own (the listener's port came from the same
    /// ephemeral range): that is no listener.
    /// </summary>
    private static async Task<bool> SomeoneListensOnAsync(int port)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync("127.0.0.1", port, Ct);
        }
        catch (SocketException)
        {
            return false;
        }

        return !Equals(probe.Client.LocalEndPoint, probe.Client.RemoteEndPoint);
    }
}
