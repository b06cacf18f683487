using System.Diagnostics;
using FtpMount.Cli.Tests.Status;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// <c>-o bwlimit=RATE:UPRATE</c> holds every transfer of a mount together to the rate: downloads as the reading
/// programs see them, uploads as the proxy between the mount and the server sees them over their steady part (from
/// two seconds after the first byte until 1 MiB before the end). The limiter is the same for every server: two of
/// them suffice.
/// </summary>
[Trait("Category", "Integration")]
public class BandwidthLimitTests
{
    private const long DownloadRate = 1L << 20;
    private const long UploadRate = 512L << 10;
    private const long Unlimited = 1L << 30;
    private const long Edge = 1L << 20;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.Proftpd)]
    public async Task Two_reads_at_once_share_the_download_rate_within_ten_percent(FtpServerKind kind)
    {
        const int each = 6 << 20;
        await using var mount = await ThrottledMount.StartAsync(kind, Unlimited, "bwlimit=1M:512k", server =>
        {
            server.CreateFile("data/a.bin", RandomBytes(each, 1));
            server.CreateFile("data/b.bin", RandomBytes(each, 2));
        });

        // Measured where the programs read: the proxy's count runs ahead of the readers by what socket buffers
        // between it and the mount hold (megabytes, filled at full speed at the start).
        var before = mount.Proxy.BytesRelayed;
        var clock = Stopwatch.StartNew();
        var readers = new[] { mount.StartInMount("cat a.bin > /dev/null"), mount.StartInMount("cat b.bin > /dev/null") };
        foreach (var reader in readers)
        {
            await reader.WaitForExitAsync(Ct);
            Assert.Equal(0, reader.ExitCode);
        }

        var rate = 2.0 * each / clock.Elapsed.TotalSeconds;
        Assert.True(mount.Proxy.BytesRelayed - before >= 2L * each, "The files did not pass the proxy.");
        Assert.InRange(rate, DownloadRate * 0.9, DownloadRate * 1.1);
    }

    [Theory(Timeout = 180_000)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.Proftpd)]
    public async Task A_save_keeps_to_the_upload_rate_within_ten_percent(FtpServerKind kind)
    {
        const int size = 5 << 20;
        await using var mount = await ThrottledMount.StartAsync(kind, Unlimited, "bwlimit=1M:512k", _ => { });

        var before = mount.Proxy.BytesRelayed;
        // Written in 1 MiB blocks, as a save from an editor or cp is: `head -c` writes 8 KiB at a time, a FUSE
        // request each, and on a loaded machine those round trips, not the limit, set the rate.
        var writer = mount.StartInMount($"dd if=/dev/urandom of=up.bin bs=1M count={size >> 20} iflag=fullblock status=none");
        var rate = await SteadyRateAsync(mount, before, size);
        await writer.WaitForExitAsync(Ct);

        Assert.Equal(0, writer.ExitCode);
        Assert.Equal(size, new FileInfo(Path.Combine(mount.Server.RootDirectory, "data", "up.bin")).Length);
        Assert.InRange(rate, UploadRate * 0.9, UploadRate * 1.1);
    }

    /// <summary>
    /// Bytes per second through the proxy from <see cref="Settle"/> after the first byte passed to the last sample
    /// before all but <see cref="Edge"/> had: the start (burst, socket buffers filling) and the end are not the rate.
    /// </summary>
    private static async Task<double> SteadyRateAsync(ThrottledMount mount, long before, long total)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? started = null;
        (TimeSpan At, long Bytes)? first = null;
        (TimeSpan At, long Bytes)? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            var moved = mount.Proxy.BytesRelayed - before;
            if (moved >= total - Edge)
            {
                break;
            }

            started ??= moved > 0 ? clock.Elapsed : null;
            if (clock.Elapsed - started >= Settle)
            {
                first ??= (clock.Elapsed, moved);
                last = (clock.Elapsed, moved);
            }

            await Task.Delay(50, Ct);
        }

        Assert.True(first is not null && last is not null && last.Value.At - first.Value.At >= TimeSpan.FromSeconds(2),
            $"The transfers did not run long enough to measure a rate: first {first}, last {last}, {mount.Proxy.BytesRelayed - before} of {total} bytes after {clock.Elapsed}.");
        return (last.Value.Bytes - first.Value.Bytes) / (last.Value.At - first.Value.At).TotalSeconds;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
