using FtpMount.Core.Errors;
using FtpMount.Core.Tests.Integration;
using FtpMount.Testing.Hostile;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Sizes;

/// <summary>
/// Issue 11.1 and 11.2 at the core: a size is never trusted unverified and never invented. Copies made before a
/// change are checked against the known size; a file without one is read to the end of the transfer and its size
/// is asked of the server where it matters. Against the in-process scriptable server, so no daemon is needed.
/// </summary>
public sealed class UnverifiedSizeTests
{
    private const int Length = 100_000;

    private static readonly byte[] Content = Enumerable.Range(0, Length).Select(i => (byte)(i * 31)).ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Changes = ["STOR", "APPE", "RNFR", "RNTO", "DELE"];

    [Fact(Timeout = 30_000)]
    public async Task An_append_to_a_file_whose_download_ends_early_with_226_fails_with_the_counts_and_sends_nothing()
    {
        await using var setup = await StartHostileAsync(s =>
        {
            s.CreateFile("f", Content);
            s.EndDownloadsAt("/f", 50_000);
        });
        var file = await setup.Core!.OpenAsync(P("/f"), read: false, write: true, truncate: false, append: true, Ct);

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => setup.Core.WriteAsync(file, "tail\n"u8.ToArray(), Length, Ct).AsTask());
        await setup.Core.ReleaseAsync(file, Ct);

        Assert.Equal(FsError.IoError, error.Error);
        Assert.Contains("ended after 50000 of the 100000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(Content, await File.ReadAllBytesAsync(setup.Hostile.PathOf("f"), Ct));
        Assert.False(setup.Hostile.Commands.Any(Changes), setup.Hostile.Commands.ToString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(DataConnectionEnd.Reset, "226 Transfer complete.")]
    [InlineData(DataConnectionEnd.Reset, "426 Connection closed; transfer aborted.")]
    [InlineData(DataConnectionEnd.Close, "426 Connection closed; transfer aborted.")]
    public async Task Truncating_a_file_whose_data_connection_is_cut_fails_and_sends_nothing(DataConnectionEnd end, string reply)
    {
        await using var setup = await StartHostileAsync(s =>
        {
            s.CreateFile("f", Content);
            s.Intercept("RETR", (c, next) =>
            {
                c.Transfer.StopAfterBytes = 30_000;
                c.Transfer.End = end;
                c.Transfer.FinalReply = reply;
                return next(c);
            });
        });

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => setup.Core!.TruncateAsync(P("/f"), 90_000, null, Ct));

        Assert.Equal(FsError.IoError, error.Error);
        Assert.Equal(Content, await File.ReadAllBytesAsync(setup.Hostile.PathOf("f"), Ct));
        Assert.False(setup.Hostile.Commands.Any(Changes), setup.Hostile.Commands.ToString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(50_000)]
    [InlineData(0)]
    public async Task A_file_larger_than_its_listed_size_is_not_changed_from_a_partial_copy(long listed)
    {
        await using var setup = await StartHostileAsync(s =>
        {
            s.CreateFile("f", Content);
            s.ListSizeAs("f", listed);
        });
        var file = await setup.Core!.OpenAsync(P("/f"), read: true, write: true, truncate: false, Ct);

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => setup.Core.WriteAsync(file, "x"u8.ToArray(), listed, Ct).AsTask());
        await setup.Core.ReleaseAsync(file, Ct);

        Assert.Equal(FsError.IoError, error.Error);
        Assert.Contains($"more than the {listed} bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(Content, await File.ReadAllBytesAsync(setup.Hostile.PathOf("f"), Ct));
        Assert.False(setup.Hostile.Commands.Any(Changes), setup.Hostile.Commands.ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_listed_without_a_size_gets_it_from_size_once_and_the_cache_keeps_it()
    {
        await using var setup = await StartHostileAsync(s =>
        {
            s.CreateFile("f", Content);
            s.ListWithoutSize();
        });

        var listed = Assert.Single(await setup.Core!.ListAsync(P("/"), Ct));
        var first = await setup.Core.GetEntryAsync(P("/f"), Ct);
        var second = await setup.Core.GetEntryAsync(P("/f"), Ct);

        Assert.Null(listed.Size);
        Assert.Equal(Length, first.Size);
        Assert.Equal(Length, second.Size);
        Assert.Equal(1, setup.Hostile.Commands.Count("SIZE", "/f"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_size_fact_or_size_command_a_read_goes_to_the_end_of_the_transfer_and_learns_the_size()
    {
        await using var setup = await StartHostileAsync(s =>
        {
            s.CreateFile("f", Content);
            s.CreateFile("g", Content);
            s.ListWithoutSize();
            s.RefuseSize();
        });
        var core = setup.Core!;
        Assert.Null((await core.GetEntryAsync(P("/f"), Ct)).Size);
        var file = await core.OpenAsync(P("/f"), read: true, write: false, truncate: false, Ct);

        var read = new MemoryStream();
        var buffer = new byte[7000];
        int count;
        while ((count = await core.ReadAsync(file, buffer, read.Length, Ct)) > 0)
        {
            read.Write(buffer, 0, count);
        }

        Assert.Equal(Content, read.ToArray());
        Assert.Equal(Length, (await core.GetEntryAsync(P("/f"), Ct)).Size);
        await core.ReleaseAsync(file, Ct);
        Assert.Null((await core.GetEntryAsync(P("/g"), Ct)).Size);
        // 502 means the server has no SIZE: asked once for the mount, not once per file.
        Assert.Equal(1, setup.Hostile.Commands.Count("SIZE"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_read_at_an_offset_past_what_was_seen_of_a_file_of_unknown_size_never_sends_rest_there()
    {
        await using var setup = await StartHostileAsync(s =>
        {
            s.CreateFile("f", Content);
            s.ListWithoutSize();
            s.RefuseSize();
        });
        // A window smaller than the file and a short forward skip: going back needs REST, going forward would too.
        var core = await setup.OpenCoreAsync(options: new RemoteFileSystemOptions { ReadAheadBytes = 64 * 1024, ForwardSkipBytes = 1000 });
        var file = await core.OpenAsync(P("/f"), read: true, write: false, truncate: false, Ct);
        var buffer = new byte[1000];

        Assert.Equal(1000, await core.ReadAsync(file, buffer, 60_000, Ct));
        Assert.Equal(Content[60_000..61_000], buffer);
        Assert.Equal(0, await core.ReadAsync(file, buffer, 5_000_000, Ct));
        Assert.Equal(1000, await core.ReadAsync(file, buffer, 10_000, Ct));
        Assert.Equal(Content[10_000..11_000], buffer);
        await core.ReleaseAsync(file, Ct);

        // 60,000 and 5,000,000 were reached by reading through from 0; only the way back used REST.
        Assert.Equal(["10000"], setup.Hostile.Commands.Of("REST").Select(c => c.Argument));
    }

    [Fact(Timeout = 30_000)]
    public async Task O_append_writes_go_to_the_end_of_a_file_of_unknown_size_whatever_offset_the_kernel_computed()
    {
        await using var setup = await StartHostileAsync(s =>
        {
            s.CreateFile("f", Content);
            s.ListWithoutSize();
            s.RefuseSize();
        });
        var core = setup.Core!;
        var file = await core.OpenAsync(P("/f"), read: false, write: true, truncate: false, append: true, Ct);

        // What the kernel sends for `echo tail >> f` when stat showed 0: offset 0.
        await core.WriteAsync(file, "tail\n"u8.ToArray(), 0, Ct);
        await core.FlushAsync(file, Ct);
        await core.ReleaseAsync(file, Ct);

        byte[] expected = [.. Content, .. "tail\n"u8.ToArray()];
        Assert.Equal(expected, await File.ReadAllBytesAsync(setup.Hostile.PathOf("f"), Ct));
    }
}
