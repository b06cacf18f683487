using FtpMount.Ftp.Data;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>The same protocol cases against every real server (plain and TLS).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Category", "Integration")]
public class ConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> AllServers => FtpServerKinds.All;

    private static async Task UploadAsync(FtpSession session, string path, byte[] content)
    {
        var upload = await session.OpenWriteAsync(path, FtpWriteMode.Create, 0, Ct);
        await using (upload)
        {
            await upload.WriteAsync(content, Ct);
            await upload.CompleteAsync(null, Ct);
        }
    }

    private static async Task<byte[]> DownloadAsync(FtpSession session, string path, long offset = 0)
    {
        await using var download = await session.OpenReadAsync(path, offset, Ct);
        return await TestClients.ReadAllAsync(download);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Login_reads_features_and_home_directory(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        Assert.StartsWith("/", s.Home, StringComparison.Ordinal);
        Assert.True(s.Session.Features.Size, "every lab server advertises SIZE");
        Assert.Equal(kind is FtpServerKind.PureFtpd or FtpServerKind.Proftpd or FtpServerKind.Pyftpdlib, s.Session.Features.Mlst);
        Assert.Equal(s.Server.IsTls, s.Session.IsTls);
        await s.Session.NoopAsync(Ct);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Upload_then_download_round_trips_every_byte(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        foreach (var (name, length) in new[] { ("empty.bin", 0), ("small.bin", 1), ("large.bin", 3 * 1024 * 1024 + 17) })
        {
            var content = TestClients.RandomBytes(length, length);
            await UploadAsync(s.Session, s.PathOf(name), content);
            Assert.Equal(length, await s.Session.GetSizeAsync(s.PathOf(name), Ct));
            Assert.Equal(content, await File.ReadAllBytesAsync(s.LocalPathOf(name), Ct));
            Assert.Equal(content, await DownloadAsync(s.Session, s.PathOf(name)));
        }
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Listing_reports_files_directories_sizes_and_times(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await UploadAsync(s.Session, s.PathOf("a file.txt"), new byte[1234]);
        await UploadAsync(s.Session, s.PathOf("two  spaces.txt"), new byte[7]);
        await UploadAsync(s.Session, s.PathOf("ünïcødé名.txt"), new byte[3]);
        await s.Session.CreateDirectoryAsync(s.PathOf("sub dir"), Ct);

        var listing = await s.Session.ListAsync(s.Home, Ct);
        Assert.Empty(listing.Rejected);
        var byName = listing.Entries.ToDictionary(e => e.Name);
        Assert.Equal(1234, byName["a file.txt"].Size);
        Assert.Equal(FtpEntryType.File, byName["a file.txt"].Type);
        Assert.Equal(7, byName["two  spaces.txt"].Size);
        Assert.Equal(3, byName["ünïcødé名.txt"].Size);
        Assert.Equal(FtpEntryType.Directory, byName["sub dir"].Type);
        Assert.DoesNotContain(listing.Entries, e => e.Name is "." or "..");
        var modified = byName["a file.txt"].Modified;
        Assert.NotNull(modified);
        Assert.InRange(modified.Value, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Single_entry_lookup_finds_files_and_reports_missing_ones(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await UploadAsync(s.Session, s.PathOf("one.txt"), new byte[42]);
        await using var client = new FtpClient(TestClients.OptionsFor(s.Server));
        var entry = await client.GetEntryAsync(s.PathOf("one.txt"), Ct);
        Assert.NotNull(entry);
        Assert.Equal("one.txt", entry.Name);
        Assert.Equal(42, entry.Size);
        Assert.Null(await client.GetEntryAsync(s.PathOf("missing.txt"), Ct));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Read_from_an_offset_returns_the_tail(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        var content = TestClients.RandomBytes(100_000, 1);
        await UploadAsync(s.Session, s.PathOf("tail.bin"), content);
        Assert.Equal(content[12_345..], await DownloadAsync(s.Session, s.PathOf("tail.bin"), 12_345));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Read_stopped_early_is_aborted_and_the_connection_stays_usable(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        var content = TestClients.RandomBytes(8 * 1024 * 1024, 2);
        await UploadAsync(s.Session, s.PathOf("big.bin"), content);
        for (var round = 0; round < 3; round++)
        {
            var download = await s.Session.OpenReadAsync(s.PathOf("big.bin"), round * 1000, Ct);
            var buffer = new byte[64 * 1024];
            var read = 0;
            while (read < buffer.Length)
            {
                read += await download.ReadAsync(buffer.AsMemory(read), Ct);
            }

            Assert.Equal(content.AsSpan(round * 1000, buffer.Length).ToArray(), buffer);
            await download.DisposeAsync();
            Assert.False(s.Session.IsBroken, $"{kind}: the ABOR/NOOP drain did not settle in round {round}");
            Assert.Equal(content.Length, await s.Session.GetSizeAsync(s.PathOf("big.bin"), Ct));
        }

        Assert.Equal(content[..1000], (await DownloadAsync(s.Session, s.PathOf("big.bin")))[..1000]);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Append_adds_to_the_end_and_is_verified(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await UploadAsync(s.Session, s.PathOf("log.txt"), "first\n"u8.ToArray());
        var append = await s.Session.OpenWriteAsync(s.PathOf("log.txt"), FtpWriteMode.Append, 0, Ct);
        await using (append)
        {
            await append.WriteAsync("second\n"u8.ToArray(), Ct);
            await append.CompleteAsync(13, Ct);
        }

        Assert.Equal("first\nsecond\n", await File.ReadAllTextAsync(s.LocalPathOf("log.txt"), Ct));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Upload_verification_fails_when_the_server_size_differs(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        var upload = await s.Session.OpenWriteAsync(s.PathOf("short.bin"), FtpWriteMode.Create, 0, Ct);
        await using (upload)
        {
            await upload.WriteAsync(new byte[100], Ct);
            var error = await Assert.ThrowsAsync<FtpIntegrityException>(() => upload.CompleteAsync(101, Ct));
            Assert.Contains("100", error.Message, StringComparison.Ordinal);
        }

        Assert.False(s.Session.IsBroken);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Rename_moves_a_file_and_replaces_an_existing_target(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await UploadAsync(s.Session, s.PathOf("new.txt"), "new"u8.ToArray());
        await UploadAsync(s.Session, s.PathOf("old.txt"), "old content"u8.ToArray());
        await s.Session.RenameAsync(s.PathOf("new.txt"), s.PathOf("old.txt"), Ct);
        Assert.Equal("new", await File.ReadAllTextAsync(s.LocalPathOf("old.txt"), Ct));
        Assert.False(File.Exists(s.LocalPathOf("new.txt")));

        // RNFR refused: the caller learns the target played no part in the refusal.
        var missing = await Assert.ThrowsAsync<FtpRenameSourceRefusedException>(() => s.Session.RenameAsync(s.PathOf("nope"), s.PathOf("x"), Ct));
        Assert.Equal(550, missing.Reply!.Code);
        Assert.False(s.Session.IsBroken);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Directories_are_created_and_removed_and_files_deleted(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await s.Session.CreateDirectoryAsync(s.PathOf("d1"), Ct);
        await UploadAsync(s.Session, s.PathOf("d1/f.txt"), "x"u8.ToArray());
        var notEmpty = await Assert.ThrowsAsync<FtpPermanentException>(() => s.Session.RemoveDirectoryAsync(s.PathOf("d1"), Ct));
        Assert.Equal(550, notEmpty.Reply!.Code);
        await s.Session.DeleteFileAsync(s.PathOf("d1/f.txt"), Ct);
        await s.Session.RemoveDirectoryAsync(s.PathOf("d1"), Ct);
        Assert.False(Directory.Exists(s.LocalPathOf("d1")));
        await Assert.ThrowsAsync<FtpPermanentException>(() => s.Session.DeleteFileAsync(s.PathOf("d1/f.txt"), Ct));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Modification_time_is_set_and_read_back(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await UploadAsync(s.Session, s.PathOf("t.txt"), "t"u8.ToArray());
        var when = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
        await s.Session.SetModifiedTimeAsync(s.PathOf("t.txt"), when, Ct);
        Assert.Equal(when, await s.Session.GetModifiedTimeAsync(s.PathOf("t.txt"), Ct));
        Assert.Equal(when.UtcDateTime, File.GetLastWriteTimeUtc(s.LocalPathOf("t.txt")));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Site_chmod_changes_permission_bits(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await UploadAsync(s.Session, s.PathOf("m.sh"), "#!/bin/sh\n"u8.ToArray());
        await s.Session.ChangeModeAsync(s.PathOf("m.sh"), Convert.ToInt32("751", 8), Ct);
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(s.LocalPathOf("m.sh")));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Missing_files_give_permanent_errors_and_keep_the_connection(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        var size = await Assert.ThrowsAsync<FtpPermanentException>(() => s.Session.GetSizeAsync(s.PathOf("missing"), Ct));
        Assert.Equal(550, size.Reply!.Code);
        await Assert.ThrowsAnyAsync<FtpException>(() => s.Session.OpenReadAsync(s.PathOf("missing"), 0, Ct));
        Assert.False(s.Session.IsBroken);
        await s.Session.NoopAsync(Ct);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Active_mode_transfers_work(FtpServerKind kind)
    {
        var server = await FtpTestServer.StartAsync(kind, null, Ct);
        await using (server)
        {
            await using var session = await TestClients.ConnectAsync(server, FtpDataConnectionMode.Active);
            var home = await session.GetWorkingDirectoryAsync(Ct);
            var content = TestClients.RandomBytes(200_000, 3);
            await UploadAsync(session, FtpPaths.Combine(home, "active.bin"), content);
            Assert.Equal(content, await DownloadAsync(session, FtpPaths.Combine(home, "active.bin")));
            var listing = await session.ListAsync(home, Ct);
            Assert.Contains(listing.Entries, e => e.Name == "active.bin");
        }
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Rest_then_stor_writes_from_the_offset_where_supported(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        Assert.True(s.Session.Features.RestStream, "every lab server advertises REST STREAM");
        await UploadAsync(s.Session, s.PathOf("r.txt"), "0123456789"u8.ToArray());
        var resume = await s.Session.OpenWriteAsync(s.PathOf("r.txt"), FtpWriteMode.Resume, 3, Ct);
        await using (resume)
        {
            await resume.WriteAsync("abc"u8.ToArray(), Ct);
            await resume.CompleteAsync(null, Ct);
        }

        // Research §6: vsftpd, proftpd (AllowStoreRestart) and pyftpdlib keep the tail; pure-ftpd truncates at the offset.
        var expected = kind == FtpServerKind.PureFtpd ? "012abc" : "012abc6789";
        Assert.Equal(expected, await File.ReadAllTextAsync(s.LocalPathOf("r.txt"), Ct));
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Paths_with_CR_LF_or_NUL_never_reach_the_server(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await UploadAsync(s.Session, s.PathOf("victim.txt"), "keep me"u8.ToArray());
        await Assert.ThrowsAsync<FtpUnsafeArgumentException>(() => s.Session.DeleteFileAsync(s.PathOf("x\r\nDELE " + s.PathOf("victim.txt")), Ct));
        await Assert.ThrowsAsync<FtpUnsafeArgumentException>(() => s.Session.OpenReadAsync(s.PathOf("a\nb"), 0, Ct));
        await Assert.ThrowsAsync<FtpUnsafeArgumentException>(() => s.Session.RenameAsync(s.PathOf("victim.txt"), s.PathOf("y\0z"), Ct));
        Assert.True(File.Exists(s.LocalPathOf("victim.txt")));
        Assert.False(s.Session.IsBroken);
        await s.Session.NoopAsync(Ct);
    }
}
