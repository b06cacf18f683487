using FtpMount.Core.Tests.Integration;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// With write-back and no delay, the queue's upload task starts while the closing handle is still being released. It
/// used to read that handle's count as "the file was opened again", drop the queued upload and leave it to a release
/// that had already passed: the closed file was neither sent nor reported (the intermittent RefusedUploadTests
/// failure). Many concurrent closes give the race its chances (without the fix it showed only in some runs); every
/// file must end on the server, or be reported refused.
/// </summary>
public sealed class WriteBackReleaseTests
{
    private const int Files = 60;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RemoteFileSystemOptions NoDelay => new() { WriteBack = new WriteBackOptions { Enabled = true, Delay = TimeSpan.Zero } };

    [Fact(Timeout = 60_000)]
    public async Task Every_file_closed_with_no_write_back_delay_is_uploaded()
    {
        await using var setup = await StartHostileAsync();
        var core = await setup.OpenCoreAsync(options: NoDelay);

        await CloseFilesAsync(core);

        Assert.True(await NothingQueuedAsync(core), $"uploads still queued: {core.GetStatus().UploadsQueued}");
        var missing = Enumerable.Range(0, Files).Where(i => !File.Exists(setup.Hostile.PathOf($"f{i}"))).ToList();
        Assert.True(missing.Count == 0, $"closed but neither uploaded nor queued: {string.Join(", ", missing.Select(i => $"f{i}"))}");
        Assert.Empty(core.GetStatus().Refused);
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_file_closed_with_no_write_back_delay_that_the_server_refuses_is_reported()
    {
        await using var setup = await StartHostileAsync(s => s.Intercept("STOR", (c, _) => c.ReplyAsync(553, "Permission denied.")));
        var core = await setup.OpenCoreAsync(options: NoDelay);

        await CloseFilesAsync(core);

        Assert.True(await NothingQueuedAsync(core), $"uploads still queued: {core.GetStatus().UploadsQueued}");
        var refused = core.GetStatus().Refused;
        var missing = Enumerable.Range(0, Files).Where(i => !refused.ContainsKey($"/f{i}")).ToList();
        Assert.True(missing.Count == 0, $"closed but neither refused nor queued: {string.Join(", ", missing.Select(i => $"f{i}"))}");
    }

    /// <summary>
    /// Closes the files all at once while every core is kept busy: the thread that queues an upload is then often
    /// preempted by the upload task it wakes, which is when the release's count used to be misread.
    /// </summary>
    private static async Task CloseFilesAsync(RemoteFileSystem core)
    {
        using var busy = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(_ => Task.Factory.StartNew(() => Spin(busy.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Files).Select(i => Task.Run(
                async () =>
                {
                    var file = await core.CreateAsync(P($"/f{i}"), null, Ct);
                    await core.WriteAsync(file, "precious\n"u8.ToArray(), 0, Ct);
                    await core.FlushAsync(file, Ct);
                    await core.ReleaseAsync(file, Ct);
                },
                Ct)));
        }
        finally
        {
            await busy.CancelAsync();
            await Task.WhenAll(spinners);
        }
    }

    private static void Spin(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Thread.SpinWait(1000);
        }
    }

    private static async Task<bool> NothingQueuedAsync(RemoteFileSystem core)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (core.GetStatus().UploadsQueued > 0)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50, Ct);
        }

        return true;
    }
}
