using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Cache;

/// <summary>
/// Brings other clients' changes to the folders programs look at without waiting for an access (-o poll_interval):
/// each interval the folders programs listed lately are listed again, the listing cache takes the new listing, and
/// the paths whose entries appeared, changed or vanished are reported, so the OS adapter drops what the kernel
/// cached of them (a file manager's next look, or a program's next stat, sees the server as it is).
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="MaxFolders"/> folders per round, the most recently listed first, each listed at
/// most once per round; a folder nobody listed for <see cref="RecentWindow"/> intervals (and at least five minutes)
/// is dropped. Rounds do not overlap: a slow server stretches the interval rather than stacking listings.
/// </remarks>
internal sealed class FolderPoller : IDisposable
{
    public const int MaxFolders = 64;

    /// <summary>Intervals after its last listing by a program during which a folder is still polled.</summary>
    public const int RecentWindow = 10;

    private static readonly TimeSpan MinimumRecency = TimeSpan.FromMinutes(5);

    private readonly DirectoryCache _cache;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();

    // Guards _listed: when each folder was last listed by a program.
    private readonly Lock _lock = new();
    private readonly Dictionary<RemotePath, DateTimeOffset> _listed = [];

    private Task _loop = Task.CompletedTask;
    private int _disposed;

    public FolderPoller(DirectoryCache cache, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _cache = cache;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised with the mount path of a folder or file that changed on the server; may run on any thread.</summary>
    public event Action<string>? Changed;

    public void Start() => _loop = RunAsync(_stop.Token);

    /// <summary>A program listed <paramref name="folder"/>: poll it for a while.</summary>
    public void Listed(RemotePath folder)
    {
        lock (_lock)
        {
            _listed[folder] = _time.GetUtcNow();
            if (_listed.Count > MaxFolders * 4)
            {
                // A walk over thousands of folders: keep the most recent, which are the ones still on screen.
                foreach (var stale in _listed.OrderBy(p => p.Value).Take(_listed.Count - MaxFolders).Select(p => p.Key).ToList())
                {
                    _listed.Remove(stale);
                }
            }
        }
    }

    /// <summary>One round: lists the recent folders again and reports what changed. Returns the folders polled.</summary>
    internal async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var folders = Recent();
        foreach (var folder in folders)
        {
            try
            {
                var (before, after) = await _cache.RefreshAsync(folder, cancellationToken).ConfigureAwait(false);
                Report(folder, before, after);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Gone, refused or unreachable: the next access finds out and says so; polling goes on.
                FsLog.PollFailed(_logger, folder.Value, e.Message);
                lock (_lock)
                {
                    _listed.Remove(folder);
                }

                Changed?.Invoke(folder.Value);
            }
        }

        return folders.Count;
    }

    /// <summary>Safe to call more than once, as the filesystem that owns it is.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled or failed: either way it has ended.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Unmounted.
        }
    }

    private List<RemotePath> Recent()
    {
        var now = _time.GetUtcNow();
        var window = TimeSpan.FromTicks(Math.Max(MinimumRecency.Ticks, _interval.Ticks * RecentWindow));
        lock (_lock)
        {
            foreach (var stale in _listed.Where(p => now - p.Value > window).Select(p => p.Key).ToList())
            {
                _listed.Remove(stale);
            }

            return [.. _listed.OrderByDescending(p => p.Value).Take(MaxFolders).Select(p => p.Key)];
        }
    }

    private void Report(RemotePath folder, DirectoryListing? before, DirectoryListing after)
    {
        if (before is null)
        {
            // Nothing fresh to compare with: the kernel may still hold the folder as it was.
            Changed?.Invoke(folder.Value);
            return;
        }

        var folderChanged = false;
        foreach (var entry in after.Entries)
        {
            if (before.Find(entry.Name) is not { } old)
            {
                folderChanged = true;
            }
            else if (old.Kind != entry.Kind || old.Size != entry.Size || old.Modified != entry.Modified)
            {
                Changed?.Invoke(folder.Combine(entry.Name).Value);
                folderChanged |= old.Kind != entry.Kind;
            }
        }

        foreach (var old in before.Entries)
        {
            if (after.Find(old.Name) is null)
            {
                Changed?.Invoke(folder.Combine(old.Name).Value);
                folderChanged = true;
            }
        }

        if (folderChanged)
        {
            FsLog.FolderChangedOnServer(_logger, folder.Value);
            Changed?.Invoke(folder.Value);
        }
    }
}
