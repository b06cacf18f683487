using FtpMount.Core.Bridging;
using FtpMount.Dokan.Adapter;
using FtpMount.Testing.Threading;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Dokan.Tests.Adapter;

/// <summary>ReadFile's and CreateFile's way to the core: <see cref="AdapterCalls"/> over the shared <see cref="BlockingCall"/>.</summary>
public sealed class AdapterCallsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task A_read_answered_with_a_timeout_cannot_write_into_the_buffer_of_the_next_read()
    {
        var pool = new CountingArrayPool();
        var options = new RemoteDokanOptions { HostName = "ftp.example", RequestTimeout = Short };
        var calls = new AdapterCalls(NullLogger.Instance, options, new BlockingCall(grace: Short, pool: pool));
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = calls.Read("ReadFile", @"\a.bin", new byte[16], async (memory, _) =>
        {
            await late.Task.WaitAsync(Patience, Ct);
            memory.Span.Fill(0xAA);
            lateWritten.TrySetResult();
            return memory.Length;
        }, out var firstRead);
        Assert.Equal(NtStatus.IoTimeout, first);
        Assert.Equal(0, firstRead);

        var slow = new AdapterCalls(NullLogger.Instance, options with { RequestTimeout = Patience }, new BlockingCall(pool: pool));
        var second = new byte[16];
        var status = slow.Read("ReadFile", @"\b.bin", second, async (memory, _) =>
        {
            memory.Span.Fill(0x55);
            late.TrySetResult();
            await lateWritten.Task.WaitAsync(Patience, Ct);
            return memory.Length;
        }, out var secondRead);

        Assert.Equal(NtStatus.Success, status);
        Assert.Equal(16, secondRead);
        Assert.All(second, b => Assert.Equal(0x55, b));
        await pool.AllReturnedAsync(Patience, Ct);
    }

    [Fact(Timeout = 30_000)]
    public void A_create_that_starts_only_after_CreateFile_answered_is_handed_over_to_be_released()
    {
        var starved = new HeldTaskScheduler();
        var options = new RemoteDokanOptions { HostName = "ftp.example" };
        var calls = new AdapterCalls(NullLogger.Instance, options, new BlockingCall(grace: Short, scheduler: starved));
        string? released = null;

        var status = calls.Execute(
            "CreateFile",
            @"\new.txt",
            _ => Task.FromResult("opened"),
            _ => NtStatus.Success,
            Short,
            late => released = late);
        Assert.Equal(NtStatus.IoTimeout, status);

        // The thread pool gets round to the create only now, after the callback disposed its deadline.
        starved.RunQueued();

        Assert.Equal("opened", released);
    }
}
