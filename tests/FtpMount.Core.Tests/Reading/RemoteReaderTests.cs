using FtpMount.Core.Handles;
using FtpMount.Core.Handles.Segments;
using FtpMount.Ftp.Errors;
using FtpMount.Testing.InMemory;

namespace FtpMount.Core.Tests.Reading;

/// <summary>
/// One open file's reader over the in-memory store: what it asks the server for (every RETR and its REST offset, from
/// the store's command log) and what it hands back, for re-reads, jumps and downloads that end early.
/// </summary>
public sealed class RemoteReaderTests : IAsyncDisposable
{
    private const string Path = "/data.bin";
    private const int Window = 64 * 1024;
    private const long ForwardSkip = 16 * 1024;
    private static readonly byte[] Content = Pattern(1024 * 1024);

    private readonly InMemoryRemoteStore _store = new();
    private readonly RemoteReader _reader;

    public RemoteReaderTests()
    {
        _store.AddFile(Path, Content);
        _reader = new RemoteReader(_store, Path, Window, ForwardSkip, new StreamBudget(_store.Connections), parallelSegments: false);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Reads_again_within_the_window_are_served_from_memory_without_a_new_RETR()
    {
        await AssertReadsAsync(0, 16 * 1024);
        await AssertReadsAsync(8 * 1024, 16 * 1024);
        await AssertReadsAsync(0, 4096);
        await AssertReadsAsync(40 * 1024, 24 * 1024);

        Assert.Equal([0L], RetrieveOffsets());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_short_jump_forward_reads_through_the_stream_instead_of_restarting_it()
    {
        await AssertReadsAsync(0, 4096);
        // The window holds [0, 64K); 8K past its end is within the forward skip.
        await AssertReadsAsync(Window + (8 * 1024), 4096);

        Assert.Equal([0L], RetrieveOffsets());
    }

    [Fact(Timeout = 30_000)]
    public async Task Jumps_beyond_the_window_restart_the_download_with_REST_at_the_offset_asked_for()
    {
        await AssertReadsAsync(0, 4096);
        await AssertReadsAsync(600_000, 4096);
        await AssertReadsAsync(600_000 + 4096, 4096);
        // Backwards past the window's start: the window now begins at 600,000.
        await AssertReadsAsync(100_001, 5000);
        // Forward beyond window and skip, to the last bytes of the file.
        await AssertReadsAsync(Content.Length - 1000, 1000);

        Assert.Equal([0L, 600_000L, 100_001L, Content.Length - 1000L], RetrieveOffsets());
    }

    /// <summary>
    /// The kernel's read-ahead sends several requests of a file at once and they may reach the reader in any order.
    /// A restart for one of them begins at the lowest offset a waiting request needs just before it, so that request
    /// finds its bytes in the window instead of aborting the new stream for a third RETR.
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task A_restart_begins_where_a_waiting_read_just_before_it_needs_the_bytes()
    {
        await QueueBehindAHeldReadAsync(later: 610_000, earlier: 600_000);

        Assert.Equal([900_000L, 600_000L], RetrieveOffsets());
    }

    /// <summary>A handle's first read just past the start (the kernel's second request winning the race) reads from byte 0.</summary>
    [Fact(Timeout = 30_000)]
    public async Task A_first_read_within_the_forward_skip_streams_from_the_start_and_the_start_comes_from_memory()
    {
        await AssertReadsAsync(8 * 1024, 8 * 1024);
        await AssertReadsAsync(0, 8 * 1024);
        await AssertReadsAsync(16 * 1024, 16 * 1024);

        Assert.Equal([0L], RetrieveOffsets());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_first_read_past_the_forward_skip_streams_from_where_it_asks()
    {
        await AssertReadsAsync(ForwardSkip + 1, 4096);

        Assert.Equal([ForwardSkip + 1], RetrieveOffsets());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_waiting_read_further_back_than_the_forward_skip_does_not_move_the_restart()
    {
        await QueueBehindAHeldReadAsync(later: 610_000, earlier: 610_000 - ForwardSkip - 1);

        Assert.Equal([900_000L, 610_000L, 610_000L - ForwardSkip - 1], RetrieveOffsets());
    }

    /// <summary>
    /// A read at 900,000 holds the reader while its RETR is held; reads at <paramref name="later"/> and then
    /// <paramref name="earlier"/> queue behind it, the later one first in line, and all three complete.
    /// </summary>
    private async Task QueueBehindAHeldReadAsync(long later, long earlier)
    {
        var held = _store.Faults.Hold(StoreVerb.Retrieve, Path);
        var first = AssertReadsAsync(900_000, 4096);
        await held.Reached.WaitAsync(Ct);

        // Called, not run on the pool: each has queued on the reader before the next line runs.
        var second = AssertReadsAsync(later, 4096);
        var third = AssertReadsAsync(earlier, 4096);
        held.Open();

        await first;
        await second;
        await third;
    }

    [Fact(Timeout = 30_000)]
    public async Task Reading_at_or_past_the_known_end_returns_nothing_and_sends_nothing()
    {
        var buffer = new byte[4096];

        Assert.Equal(0, await _reader.ReadAsync(buffer, Content.Length, Content.Length, Ct));
        Assert.Equal(0, await _reader.ReadAsync(buffer, Content.Length + 5000L, Content.Length, Ct));

        Assert.Empty(RetrieveOffsets());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(16 * 1024)]
    [InlineData(256 * 1024)]
    public async Task A_download_that_ends_early_with_226_is_an_error_and_never_a_short_file(int requestBytes)
    {
        _store.Faults.ShortRead(Path, endsAt: 200_000);
        var buffer = new byte[requestBytes];
        long offset = 0;

        var error = await Assert.ThrowsAnyAsync<FtpException>(async () =>
        {
            int read;
            while ((read = await _reader.ReadAsync(buffer, offset, Content.Length, Ct)) > 0)
            {
                Assert.Equal(Content.AsSpan((int)offset, read), buffer.AsSpan(0, read));
                offset += read;
            }
        });

        Assert.True(offset <= 200_000, $"{offset} bytes were delivered from a download that had only 200,000");
        Assert.True(error is FtpTransferLengthException or FtpIntegrityException, error.ToString());

        // The failure is not remembered as the end of the file: once the server sends the whole file, it reads on.
        _store.Faults.Clear();
        await AssertReadsAsync(offset, (int)(Content.Length - offset));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(64 * 1024)]
    [InlineData(256 * 1024)]
    public async Task A_file_of_unknown_size_is_read_to_the_end_of_the_transfer_and_its_length_learned(int requestBytes)
    {
        var buffer = new byte[requestBytes];
        long offset = 0;
        int read;
        while ((read = await _reader.ReadAsync(buffer, offset, knownSize: null, Ct)) > 0)
        {
            Assert.Equal(Content.AsSpan((int)offset, read), buffer.AsSpan(0, read));
            offset += read;
        }

        Assert.Equal(Content.Length, offset);
        Assert.Equal(Content.Length, _reader.LearnedLength);
        Assert.Equal([0L], RetrieveOffsets());
    }

    [Fact(Timeout = 30_000)]
    public async Task Parallel_segments_deliver_the_file_in_order_each_from_its_own_REST_offset()
    {
        // The reader only splits a stream it measured slow (wall clock, StreamRateMeter), which an in-memory store
        // never is; the pipeline it would start is driven directly here, with the plan the planner would hand it.
        var budget = new StreamBudget(_store.Connections);
        const int segmentBytes = 96 * 1024;
        const long start = 100_000;
        var delivered = new MemoryStream();
        var pipeline = new SegmentPipeline(
            _store, Path, start, Content.Length, new SegmentPlan(3, segmentBytes), TimeSpan.FromMilliseconds(1), budget);
        await using (pipeline)
        {
            var buffer = new byte[40_000];
            int read;
            while ((read = await pipeline.ReadAsync(buffer, Ct)) > 0)
            {
                delivered.Write(buffer, 0, read);
            }
        }

        Assert.Equal(Content.AsSpan((int)start).ToArray(), delivered.ToArray());
        var offsets = RetrieveOffsets();
        Assert.True(offsets.Count >= 2, $"one RETR only: {string.Join(", ", offsets)}");
        // The segments' RETRs reach the server in any order (each runs on its own task); their ranges tile the file.
        var sorted = offsets.Order().ToList();
        Assert.Equal(start, sorted[0]);
        Assert.Equal(sorted.Count, sorted.Distinct().Count());
        Assert.True(budget.SegmentsStarted >= 2);
    }

    private async Task AssertReadsAsync(long offset, int count)
    {
        var buffer = new byte[count];
        var read = await _reader.ReadAsync(buffer, offset, Content.Length, Ct);
        Assert.Equal(count, read);
        Assert.True(Content.AsSpan((int)offset, count).SequenceEqual(buffer), $"wrong bytes at {offset}");
    }

    private List<long> RetrieveOffsets() =>
        [.. _store.Commands.Where(c => c.Verb == StoreVerb.Retrieve).Select(c => c.Offset)];

    /// <summary>Bytes that say where they are: a block read from the wrong offset never matches.</summary>
    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 7) + (i >> 8) + (i >> 16));
        }

        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _store.DisposeAsync();
    }
}
