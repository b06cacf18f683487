using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Tests.Hostile;
using FtpMount.Testing.Hostile;

namespace FtpMount.Ftp.Tests.Transfers;

/// <summary>A download told how many bytes to expect refuses an early end, even one the server calls a success, and an overrun.</summary>
public sealed class ExpectedLengthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> ReadExpectingAsync(FtpSession session, string path, long? expected, long offset = 0)
    {
        var download = await session.OpenReadAsync(path, offset, Ct);
        await using (download)
        {
            download.ExpectedLength = expected;
            var buffer = new byte[16 * 1024];
            long total = 0;
            int read;
            while ((read = await download.ReadAsync(buffer, Ct)) > 0)
            {
                total += read;
            }

            return total;
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task An_early_end_with_226_is_a_length_error_naming_both_counts_and_the_session_stays_usable()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("f", new byte[100_000]);
        using var _ = server.EndDownloadsAt("/f", 50_000);
        await using var session = await HostileSessions.ConnectAsync(server);

        var error = await Assert.ThrowsAsync<FtpTransferLengthException>(() => ReadExpectingAsync(session, "/f", 100_000));
        var fromOffset = await Assert.ThrowsAsync<FtpTransferLengthException>(() => ReadExpectingAsync(session, "/f", 60_000, offset: 40_000));

        Assert.Equal((100_000, 50_000), (error.Expected, error.Received));
        Assert.Contains("ended after 50000 of the 100000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal((60_000, 10_000), (fromOffset.Expected, fromOffset.Received));
        Assert.False(session.IsBroken);
        Assert.Equal(100_000, await session.GetSizeAsync("/f", Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task More_bytes_than_expected_stop_the_download_with_a_length_error()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("f", new byte[1_000_000]);
        await using var session = await HostileSessions.ConnectAsync(server);

        var error = await Assert.ThrowsAsync<FtpTransferLengthException>(() => ReadExpectingAsync(session, "/f", 1000));

        Assert.Equal(1000, error.Expected);
        Assert.True(error.Received > 1000);
        Assert.Contains("more than the 1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("/", await session.GetWorkingDirectoryAsync(Ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_exact_length_or_no_expectation_reads_to_the_end()
    {
        await using var server = HostileFtpServer.Start();
        server.CreateFile("f", new byte[100_000]);
        await using var session = await HostileSessions.ConnectAsync(server);

        Assert.Equal(100_000, await ReadExpectingAsync(session, "/f", 100_000));
        Assert.Equal(100_000, await ReadExpectingAsync(session, "/f", null));
        Assert.Equal(0, await ReadExpectingAsync(session, "/f", 0, offset: 100_000));
    }
}
