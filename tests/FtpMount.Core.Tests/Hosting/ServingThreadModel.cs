using FtpMount.Core.Hosting;

namespace FtpMount.Core.Tests.Hosting;

/// <summary>
/// A host as FuseHost and DokanHost use <see cref="MountLifecycle"/>: mount mounts and names what the serving thread runs, which
/// serves until asked to stop (or told the mount went away), then calls Ended, releases, and calls Finish.
/// </summary>
internal sealed class ServingThreadModel : IDisposable
{
    private readonly ManualResetEventSlim _stopAsked = new();
    private readonly ManualResetEventSlim _mayFinish = new(initialState: true);
    private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _starts;
    private int _stopRequests;
    private int _wakes;
    private int _releases;

    public ServingThreadModel(Exception? mountFailure = null, Exception? servingFailure = null)
    {
        Lifecycle = new MountLifecycle(
            "TestHost",
            "test serving",
            () =>
            {
                Interlocked.Increment(ref _starts);
                if (mountFailure is not null)
                {
                    throw mountFailure;
                }

                return () => Serve(servingFailure);
            },
            () => Interlocked.Increment(ref _stopRequests),
            () =>
            {
                Interlocked.Increment(ref _wakes);
                _stopAsked.Set();
            });
    }

    public MountLifecycle Lifecycle { get; }

    public int Starts => Volatile.Read(ref _starts);

    public int StopRequests => Volatile.Read(ref _stopRequests);

    public int Wakes => Volatile.Read(ref _wakes);

    public int Releases => Volatile.Read(ref _releases);

    /// <summary>What <see cref="MountLifecycle.Ended"/> answered: whether the end was asked for.</summary>
    public Task<bool> EndedAsRequested => _ended.Task;

    /// <summary>The volume goes by itself (fusermount3 -u, Explorer's disconnect).</summary>
    public void GoAwayFromOutside() => _stopAsked.Set();

    /// <summary>Keeps the serving thread from finishing after it ended serving: releasing hangs.</summary>
    public void HoldRelease() => _mayFinish.Reset();

    public void LetRelease() => _mayFinish.Set();

    /// <summary>Lets a serving thread still waiting go, so no test leaves one behind.</summary>
    public void Dispose()
    {
        _stopAsked.Set();
        _mayFinish.Set();
    }

    private void Serve(Exception? servingFailure)
    {
        _stopAsked.Wait();
        _ended.TrySetResult(Lifecycle.Ended());
        _mayFinish.Wait();
        Interlocked.Increment(ref _releases);
        Lifecycle.Finish(servingFailure);
    }
}
