using FtpMount.Testing.Hostile;

namespace FtpMount.Dokan.Tests.Sequences;

/// <summary>
/// Issue 11.1 and 11.2 through the Dokan adapter, against the in-process scriptable server: Windows reads and
/// appends by the size it is told, so a file the server gave no size for gets one when opened, and a change that
/// starts from a download ending early fails without touching the server.
/// </summary>
public sealed class UnverifiedSizeTests
{
    private const int Length = 100_000;

    private static readonly byte[] Content = Enumerable.Range(0, Length).Select(i => (byte)(i * 17)).ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task A_file_without_size_fact_or_size_command_shows_its_real_size_once_opened_and_appends_at_its_end()
    {
        await using var session = await DokanSession.StartHostileAsync(s =>
        {
            s.CreateFile("log.bin", Content);
            s.ListWithoutSize();
            s.RefuseSize();
        });

        await Task.Run(
            () =>
            {
                var w = new DokanScript(session);
                var handle = w.Open(@"\log.bin", CreationDisposition.OpenExisting, NtStatus.Success, DokanScript.ReadWrite);
                Assert.Equal(Length, w.Information(handle, @"\log.bin").Length);
                Assert.Equal(Content, w.ReadAll(handle, @"\log.bin", Length + 10));
                handle.WriteToEndOfFile = true;
                w.Write(handle, @"\log.bin", "tail\n"u8.ToArray(), -1);
                w.Close(handle, @"\log.bin");
            },
            Ct);

        byte[] expected = [.. Content, .. "tail\n"u8.ToArray()];
        Assert.Equal(expected, await File.ReadAllBytesAsync(session.LocalPathOf(@"\log.bin"), Ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_write_to_a_file_whose_download_ends_early_fails_and_the_server_file_is_untouched()
    {
        HostileFtpServer? server = null;
        await using var session = await DokanSession.StartHostileAsync(s =>
        {
            server = s;
            s.CreateFile("doc.bin", Content);
            s.EndDownloadsAt("/doc.bin", 50_000);
        });

        await Task.Run(
            () =>
            {
                var w = new DokanScript(session);
                var handle = w.Open(@"\doc.bin", CreationDisposition.OpenExisting, NtStatus.Success, DokanScript.ReadWrite);
                w.Write(handle, @"\doc.bin", "EDIT"u8.ToArray(), 0, NtStatus.UnexpectedIoError);
                w.Close(handle, @"\doc.bin");
            },
            Ct);

        Assert.Equal(Content, await File.ReadAllBytesAsync(session.LocalPathOf(@"\doc.bin"), Ct));
        Assert.False(server!.Commands.Any("STOR", "APPE", "RNFR", "RNTO", "DELE"), server.Commands.ToString());
    }
}
