using FtpMount.Testing.InMemory;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Core.Tests.Storage;

/// <summary>
/// The kernel sends a close's release without waiting for it, so a program that closes a file and opens it again
/// at once has the open and the release of the last handle served at the same time on two threads.
/// </summary>
public sealed class ReopenWhileReleasingTests
{
    [Fact(Timeout = 120_000)]
    public async Task An_open_that_races_the_last_release_sees_the_saved_file_never_an_empty_one()
    {
        await using var setup = new CoreOverStore();
        var core = await setup.OpenAsync();
        await setup.SaveAsync("/file.bin", Pattern(1000));
        var path = P("/file.bin");
        var open = await core.OpenAsync(path, read: true, write: true, truncate: false, Ct);

        // Each round: the open handle grows the file by one byte and is saved; then its release and the next open
        // start together. The open may join the node being released or make a new one from the listing, but must
        // see every byte saved; an open that took a fresh node for an existing file without its entry saw none.
        for (var round = 1; round <= 3000; round++)
        {
            var expected = 1000 + round;
            await core.WriteAsync(open, new byte[] { (byte)round }, expected - 1, Ct);
            await core.FlushAsync(open, Ct);

            using var start = new Barrier(2);
            var previous = open;
            var release = Task.Run(async () =>
            {
                start.SignalAndWait(Ct);
                await core.ReleaseAsync(previous, Ct);
            }, Ct);
            var reopen = Task.Run(async () =>
            {
                start.SignalAndWait(Ct);
                return await core.OpenAsync(path, read: true, write: true, truncate: false, Ct);
            }, Ct);
            await release;
            open = await reopen;

            Assert.True(open.Entry.Size == expected, $"round {round}: the reopened file has {open.Entry.Size} bytes, not {expected}");
        }

        await core.ReleaseAsync(open, Ct);
        Assert.Equal(1000 + 3000, setup.Store.ReadFile("/file.bin")?.Length);
    }
}
