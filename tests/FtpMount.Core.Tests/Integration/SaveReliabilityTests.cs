using System.Net;
using FtpMount.Core.Errors;
using FtpMount.FtpProxy;
using FtpMount.Testing;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Integration;

/// <summary>A save the server did not take is reported and kept, and reaches the server later.</summary>
[Trait("Category", "Integration")]
public class SaveReliabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Save_that_failed_while_the_server_was_down_is_uploaded_by_the_next_run(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        var core = setup.Core!;
        var file = await core.CreateAsync(P("/kept.txt"), 420, Ct);
        await core.WriteAsync(file, "written while the server died"u8.ToArray(), 0, Ct);

        await setup.Server.KillAsync(Ct);
        var failure = await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));
        Assert.Equal(FsError.IoError, failure.Error);
        await core.ReleaseAsync(file, Ct);
        Assert.NotEmpty(Directory.GetFiles(setup.SpoolDirectory, "*.pending", SearchOption.AllDirectories));

        // A new run of the same mount (same spool folder) once the server is back: nothing was lost.
        await setup.Server.RestartAsync(Ct);
        var next = await setup.OpenCoreAsync();
        Assert.Equal(0, next.PendingUploads);
        Assert.Equal("written while the server died", await File.ReadAllTextAsync(Path.Combine(setup.Server.RootDirectory, "kept.txt"), Ct));
        Assert.Empty(Directory.GetFiles(setup.SpoolDirectory, "*.spool", SearchOption.AllDirectories));
    }

    [Fact(Timeout = 120_000)]
    public async Task Pending_upload_refused_for_good_stays_journaled_and_counted_and_is_not_sent_again()
    {
        await using var setup = await StartAsync(FtpServerKind.Pyftpdlib);
        var core = setup.Core!;
        var file = await core.CreateAsync(P("/later.txt"), 420, Ct);
        await core.WriteAsync(file, "later"u8.ToArray(), 0, Ct);
        await setup.Server.KillAsync(Ct);
        await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));
        await core.ReleaseAsync(file, Ct);

        // The server comes back, but the file's directory is not writable for the FTP user: the retry is refused for
        // the name (5xx), which is for good (issue 13.3): kept and reported, never sent again. Made read-only before
        // the restart: the first core's own background retry, had it come between the two, uploaded the file.
        File.SetUnixFileMode(setup.Server.RootDirectory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            await setup.Server.RestartAsync(Ct);
            var next = await setup.OpenCoreAsync();
            Assert.Equal(1, next.PendingUploads);
            var journaled = Assert.Single(Directory.GetFiles(setup.SpoolDirectory, "*.pending", SearchOption.AllDirectories));

            // The replay runs in the background: the refusal must be recorded before the folder becomes writable.
            await Poll.ForAsync(
                () => File.ReadAllText(journaled).Contains("\nrefused ", StringComparison.Ordinal) ? journaled : null,
                BackgroundWorkDeadline,
                "the refused retry was never recorded");
        }
        finally
        {
            File.SetUnixFileMode(setup.Server.RootDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Writable again: a mount that still sent the refused upload would now put it there.
        var third = await setup.OpenCoreAsync();
        Assert.Equal(1, third.PendingUploads);
        Assert.False(File.Exists(Path.Combine(setup.Server.RootDirectory, "later.txt")), "a refused-for-good upload was sent again");
        var pending = Assert.Single(Directory.GetFiles(setup.SpoolDirectory, "*.pending", SearchOption.AllDirectories));
        Assert.Contains("\nrefused ", await File.ReadAllTextAsync(pending, Ct), StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("452 Insufficient storage space")]
    [InlineData("552 Exceeded storage allocation")]
    public async Task Out_of_space_on_upload_is_no_space_and_keeps_the_old_file_and_the_new_data(string reply)
    {
        await using var setup = await StartAsync(FtpServerKind.Pyftpdlib);
        var original = Path.Combine(setup.Server.RootDirectory, "full.txt");
        var seed = await setup.Core!.CreateAsync(P("/full.txt"), 420, Ct);
        await setup.Core.WriteAsync(seed, "old content"u8.ToArray(), 0, Ct);
        await setup.Core.ReleaseAsync(seed, Ct);

        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, setup.Server.Port), FtpProxyOptions.Default);
        var core = await setup.OpenCoreAsync(proxy.Port);
        var file = await core.OpenAsync(P("/full.txt"), read: true, write: true, truncate: true, Ct);
        await core.WriteAsync(file, "new content that does not fit"u8.ToArray(), 0, Ct);

        // The server's final reply to the STOR becomes the out-of-space reply.
        Func<string, string?> replace = null!;
        replace = text =>
        {
            if (text.StartsWith("226", StringComparison.Ordinal))
            {
                return reply + "\r\n";
            }

            proxy.ReplaceNextReply(replace);
            return text;
        };
        proxy.ReplaceNextReply(replace);
        var failure = await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));
        Assert.Equal(FsError.NoSpace, failure.Error);
        Assert.Equal("old content", await File.ReadAllTextAsync(original, Ct));

        // The local data is kept: reading the open file still gives what was written.
        var buffer = new byte[64];
        var read = await core.ReadAsync(file, buffer, 0, Ct);
        Assert.Equal("new content that does not fit", System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        Assert.Single(Directory.GetFiles(setup.SpoolDirectory, "*.pending", SearchOption.AllDirectories));
        await core.ReleaseAsync(file, Ct);
    }
}
