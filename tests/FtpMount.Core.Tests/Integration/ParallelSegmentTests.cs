using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using FtpMount.Core.Errors;
using FtpMount.Core.Handles.Segments;
using FtpMount.FtpProxy;
using FtpMount.Testing;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Integration;

/// <summary>
/// A long sequential read over a link that caps each connection is fetched in ranged RETRs side by side, faster than
/// one stream and with every byte right; over a fast link nothing is split. What is asserted is what the planner
/// decided and the bytes; the speed-up is written to the output (2.4-2.6x on an idle machine) but only asserted as
/// "faster", because a loaded 2-core machine slows the segments' CPU work, never the capped single stream.
/// </summary>
[Trait("Category", "Integration")]
public class ParallelSegmentTests(ITestOutputHelper output)
{
    private const int FileBytes = 32 * 1024 * 1024;
    private const long CapBytesPerSecond = 2_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Sequential_read_over_a_capped_link_is_split_and_faster_than_one_stream(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        var expected = WriteRandomFile(setup.Server.RootDirectory, "big.bin");
        await using var proxy = FtpProxy.FtpProxy.Start(
            new IPEndPoint(IPAddress.Loopback, setup.Server.Port),
            new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(10), BandwidthBytesPerSecond = CapBytesPerSecond });

        var split = await setup.OpenCoreAsync(proxy.Port, new RemoteFileSystemOptions());
        var (splitHash, splitTime) = await ReadWholeAsync(split, "/big.bin");
        var segments = split.SegmentsStarted;
        var poolLimit = setup.Ftp.Pool.Limit;

        var single = await setup.OpenCoreAsync(proxy.Port, new RemoteFileSystemOptions { ParallelSegments = false });
        var (singleHash, singleTime) = await ReadWholeAsync(single, "/big.bin");
        Assert.Equal(0, single.SegmentsStarted);

        output.WriteLine($"{kind}: single {singleTime.TotalSeconds:0.00} s, segments {splitTime.TotalSeconds:0.00} s " +
            $"({singleTime / splitTime:0.00}x, {segments} segments, pool limit {poolLimit})");
        Assert.Equal(expected, singleHash);
        Assert.Equal(expected, splitHash);
        Assert.True(segments >= 2, $"{segments} segments started (pool limit {poolLimit})");
        // The single stream cannot beat the cap (32 MiB at 2 MB/s is 16.8 s on any machine); six capped segments
        // took 2.4-2.6x less on an idle machine and 1.8-1.9x less at a load average of 37.
        Assert.True(singleTime > splitTime, $"single {singleTime}, segments {splitTime} ({segments} segments, pool limit {poolLimit})");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Sequential_read_on_a_fast_link_stays_on_one_stream(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        var expected = WriteRandomFile(setup.Server.RootDirectory, "big.bin");
        var core = await setup.OpenCoreAsync(options: new RemoteFileSystemOptions());

        var (hash, _) = await ReadWholeAsync(core, "/big.bin");

        Assert.Equal(expected, hash);
        // Asserted against what the planner measured, not against the machine: loopback streams far above
        // FastStreamBytesPerSecond on an idle machine, and then nothing is split; on a loaded 2-core machine the same
        // stream can measure below it (6 segments in one baseline run), and then splitting is the planner's rule
        // applied to what it measured. SegmentPlannerTests.A_fast_stream_stays_single fixes that input.
        var splitAt = core.FastestSplitBytesPerSecond;
        output.WriteLine($"{kind}: {core.SegmentsStarted} segments; fastest stream rate split: {splitAt / (1 << 20):0.0} MiB/s");
        if (core.SegmentsStarted == 0)
        {
            Assert.Equal(0, splitAt);
        }
        else
        {
            Assert.True(
                splitAt > 0 && splitAt < SegmentPlanner.FastStreamBytesPerSecond,
                $"{core.SegmentsStarted} segments started although the fastest stream split measured {splitAt:0} B/s");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_seek_away_while_segments_run_cancels_them_and_reads_the_right_bytes()
    {
        await using var setup = await StartAsync(FtpServerKind.Vsftpd);
        var path = Path.Combine(setup.Server.RootDirectory, "big.bin");
        WriteRandomFile(setup.Server.RootDirectory, "big.bin");
        var content = await File.ReadAllBytesAsync(path, Ct);
        await using var proxy = FtpProxy.FtpProxy.Start(
            new IPEndPoint(IPAddress.Loopback, setup.Server.Port),
            new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(10), BandwidthBytesPerSecond = 4 * CapBytesPerSecond });
        var core = await setup.OpenCoreAsync(proxy.Port, new RemoteFileSystemOptions());
        var file = await core.OpenAsync(P("/big.bin"), read: true, write: false, truncate: false, Ct);
        var buffer = new byte[1024 * 1024];
        long offset = 0;
        while (core.SegmentsStarted == 0)
        {
            offset += await ReadFullyAsync(core, file, buffer, offset);
            Assert.True(offset < FileBytes / 2, "no segment started in the first half");
        }

        // Back to the start, then far ahead: both are outside the segments' ranges.
        foreach (var at in new long[] { 0, FileBytes - buffer.Length - 12345 })
        {
            var read = await ReadFullyAsync(core, file, buffer, at);
            Assert.Equal(buffer.Length, read);
            Assert.True(content.AsSpan((int)at, read).SequenceEqual(buffer), $"bytes at {at} differ");
        }

        var closing = core.ReleaseAsync(file, Ct);
        await closing.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await Poll.UntilOrFailAsync(() => setup.Ftp.Pool.OpenCount == setup.Ftp.Pool.IdleCount, TimeSpan.FromSeconds(20), "the pool's connections were not all idle within 20 s");
    }

    [Fact(Timeout = 60_000)]
    public async Task Cut_segments_fail_the_read_instead_of_delivering_wrong_bytes_and_the_read_recovers()
    {
        await using var setup = await StartAsync(FtpServerKind.Vsftpd);
        WriteRandomFile(setup.Server.RootDirectory, "big.bin");
        var content = await File.ReadAllBytesAsync(Path.Combine(setup.Server.RootDirectory, "big.bin"), Ct);
        await using var proxy = FtpProxy.FtpProxy.Start(
            new IPEndPoint(IPAddress.Loopback, setup.Server.Port),
            new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(10), BandwidthBytesPerSecond = 4 * CapBytesPerSecond });
        var core = await setup.OpenCoreAsync(proxy.Port, new RemoteFileSystemOptions());
        var file = await core.OpenAsync(P("/big.bin"), read: true, write: false, truncate: false, Ct);
        var buffer = new byte[256 * 1024];
        long offset = 0;
        while (core.SegmentsStarted == 0)
        {
            offset += await ReadCheckedAsync(core, file, buffer, offset, content);
        }

        // Every data connection, the running segments' and any fallback stream's, now ends early.
        proxy.ResetDataConnectionsAfter(512 * 1024);
        RemoteFsException? failure = null;
        while (failure is null && offset < FileBytes)
        {
            try
            {
                offset += await ReadCheckedAsync(core, file, buffer, offset, content);
            }
            catch (RemoteFsException e)
            {
                failure = e;
            }
        }

        Assert.NotNull(failure);
        Assert.True(offset < FileBytes, "the whole file was read although every data connection was cut");

        proxy.StopResettingDataConnections();
        while (offset < FileBytes)
        {
            var read = await ReadCheckedAsync(core, file, buffer, offset, content);
            Assert.True(read > 0, $"end of file at {offset}");
            offset += read;
        }

        await core.ReleaseAsync(file, Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await Poll.UntilOrFailAsync(() => setup.Ftp.Pool.OpenCount == setup.Ftp.Pool.IdleCount, TimeSpan.FromSeconds(20), "the pool's connections were not all idle within 20 s");
    }

    private static async Task<int> ReadCheckedAsync(RemoteFileSystem core, OpenFile file, byte[] buffer, long offset, byte[] content)
    {
        var read = await core.ReadAsync(file, buffer, offset, Ct);
        Assert.True(content.AsSpan((int)offset, read).SequenceEqual(buffer.AsSpan(0, read)), $"bytes at {offset} differ");
        return read;
    }

    private static byte[] WriteRandomFile(string root, string name)
    {
        var bytes = new byte[FileBytes];
        Random.Shared.NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(root, name), bytes);
        return SHA256.HashData(bytes);
    }

    private static async Task<(byte[] Hash, TimeSpan Elapsed)> ReadWholeAsync(RemoteFileSystem core, string path)
    {
        var file = await core.OpenAsync(P(path), read: true, write: false, truncate: false, Ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024 * 1024];
        var clock = Stopwatch.StartNew();
        long offset = 0;
        int read;
        while ((read = await core.ReadAsync(file, buffer, offset, Ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            offset += read;
        }

        var elapsed = clock.Elapsed;
        await core.ReleaseAsync(file, Ct);
        Assert.Equal(FileBytes, offset);
        return (hash.GetHashAndReset(), elapsed);
    }

    private static async Task<int> ReadFullyAsync(RemoteFileSystem core, OpenFile file, byte[] buffer, long offset)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await core.ReadAsync(file, buffer.AsMemory(total), offset + total, Ct)) > 0)
        {
            total += read;
        }

        return total;
    }
}
