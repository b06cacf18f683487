using System.Text;
using FtpMount.Core.Storage;
using FtpMount.Ftp;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Ftp.Placing;
using FtpMount.Ftp.Protocol;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Testing.InMemory;

/// <summary>
/// An <see cref="IRemoteStore"/> in memory, for unit tests of the core without a daemon or a mount: files, folders,
/// links, times and modes as a Unix FTP server keeps them, the refusals it gives, a log of every command received
/// (<see cref="Commands"/>: assert that nothing destructive was sent) and faults on demand (<see cref="Faults"/>:
/// refusals, short reads and stores, cut connections, gates that hold an operation until the test lets it go).
/// Time comes from <see cref="InMemoryStoreOptions.Time"/>. Unlike the FTP client it never retries: a fault is what
/// the core sees. It proves the core's logic; that a feature works against real servers is for integration tests.
/// </summary>
public sealed class InMemoryRemoteStore : IRemoteStore
{
    private readonly InMemoryTree _tree;
    private readonly List<StoreCommand> _commands = [];
    private readonly InMemoryConnections _connections;
    private long _bytesStored;

    public InMemoryRemoteStore(InMemoryStoreOptions? options = null)
    {
        Options = options ?? new InMemoryStoreOptions();
        _tree = new InMemoryTree(Options);
        _connections = new InMemoryConnections(Options.MaxConnections, Options.Time);
        Features = FtpFeatures.Parse(new FtpReply(211, FeatureLines(Options)));
        lock (_tree.Sync)
        {
            _tree.AddFolders(InMemoryTree.Normalize(Options.Home));
        }
    }

    public InMemoryStoreOptions Options { get; }

    public StoreFaults Faults { get; } = new();

    public FtpFeatures Features { get; }

    public string Source => "test@memory:21";

    public RemoteStoreTimeouts Timeouts => Options.Timeouts;

    public FtpNameEncoding NameEncoding => FtpNameEncoding.Utf8;

    public InMemoryConnections Connections => _connections;

    IRemoteConnections IRemoteStore.Connections => _connections;

    /// <summary>No progress records: status reports show no transfer in flight.</summary>
    public IReadOnlyList<FtpTransfer> ActiveTransfers => [];

    /// <summary>Every command received so far, in order, refused ones included.</summary>
    public IReadOnlyList<StoreCommand> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>DELE, RMD, and renames and stores onto an existing name, sent so far (refused or not).</summary>
    public IReadOnlyList<StoreCommand> DestructiveCommands => [.. Commands.Where(c => c.IsDestructive)];

    /// <summary>Forgets the log, e.g. after seeding through the core.</summary>
    public void ClearCommands()
    {
        lock (_commands)
        {
            _commands.Clear();
        }
    }

    /// <summary>Every path held, sorted: "/" and the home folder included.</summary>
    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_tree.Sync)
            {
                return _tree.Paths;
            }
        }
    }

    public void AddDirectory(string path)
    {
        lock (_tree.Sync)
        {
            _tree.AddFolders(InMemoryTree.Normalize(path));
        }
    }

    /// <summary>A file (its folders created as needed), replacing one there; null time or mode: now, 0644.</summary>
    public void AddFile(string path, ReadOnlySpan<byte> content, DateTimeOffset? modified = null, int? mode = null)
    {
        path = InMemoryTree.Normalize(path);
        lock (_tree.Sync)
        {
            _tree.AddFolders(FtpPaths.Split(path).Parent);
            var item = _tree.Add(path, StoredKind.File, replace: true);
            item.Content.Write(content);
            item.Modified = modified ?? item.Modified;
            item.Mode = mode ?? item.Mode;
        }
    }

    public void AddFile(string path, string text, DateTimeOffset? modified = null, int? mode = null) =>
        AddFile(path, Encoding.UTF8.GetBytes(text), modified, mode);

    public void AddSymlink(string path, string target)
    {
        path = InMemoryTree.Normalize(path);
        lock (_tree.Sync)
        {
            _tree.AddFolders(FtpPaths.Split(path).Parent);
            _tree.Add(path, StoredKind.Symlink, linkTarget: target);
        }
    }

    /// <summary>A file's bytes as stored now; null when there is no file of that name.</summary>
    public byte[]? ReadFile(string path)
    {
        lock (_tree.Sync)
        {
            return _tree.Find(InMemoryTree.Normalize(path)) is { Kind: StoredKind.File } file ? file.Content.ToArray() : null;
        }
    }

    public string? ReadText(string path) => ReadFile(path) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    public bool Exists(string path)
    {
        lock (_tree.Sync)
        {
            return _tree.Find(InMemoryTree.Normalize(path)) is not null;
        }
    }

    public bool IsDirectory(string path)
    {
        lock (_tree.Sync)
        {
            return _tree.Find(InMemoryTree.Normalize(path)) is { Kind: StoredKind.Directory };
        }
    }

    public DateTimeOffset? ModifiedOf(string path)
    {
        lock (_tree.Sync)
        {
            return _tree.Find(InMemoryTree.Normalize(path))?.Modified;
        }
    }

    public int? ModeOf(string path)
    {
        lock (_tree.Sync)
        {
            return _tree.Find(InMemoryTree.Normalize(path))?.Mode;
        }
    }

    public Task<string> GetWorkingDirectoryAsync(CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.WorkingDirectory, "/", null, () => InMemoryTree.Normalize(Options.Home), cancellationToken);

    public Task<FtpFeatures> GetFeaturesAsync(CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.Features, "/", null, () => Features, cancellationToken);

    public Task<string?> GetSystemAsync(CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.System, "/", null, () => Options.SystemName, cancellationToken);

    /// <summary>CWD answers 250 for a folder, 550 for anything else: a backslash is an ordinary character here.</summary>
    public Task<int> ProbeChangeDirectoryAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.ChangeDirectoryProbe, path, null, () => _tree.Find(InMemoryTree.Normalize(path)) is { Kind: StoredKind.Directory } ? 250 : 550, cancellationToken);

    public Task<FtpListing> ListAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.List, path, null, () => _tree.Listing(InMemoryTree.Normalize(path)), cancellationToken);

    public Task<FtpListing> ListLongAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.ListLong, path, null, () => _tree.Listing(InMemoryTree.Normalize(path)), cancellationToken);

    public Task<FtpListEntry?> GetEntryAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.Stat, path, null, () => _tree.Entry(InMemoryTree.Normalize(path)), cancellationToken);

    public Task<long> GetSizeAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(
            StoreVerb.Size,
            path,
            null,
            () => Options.Size ? _tree.FindFile(InMemoryTree.Normalize(path)).Content.Length : throw InMemoryTree.Refusal(502, "SIZE not implemented."),
            cancellationToken);

    public Task<DateTimeOffset> GetModifiedTimeAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(
            StoreVerb.ModifiedTime,
            path,
            null,
            () => Options.Mdtm ? _tree.FindFile(InMemoryTree.Normalize(path)).Modified : throw InMemoryTree.Refusal(502, "MDTM not implemented."),
            cancellationToken);

    public async Task<DateTimeOffset?[]> GetModifiedTimesAsync(IReadOnlyList<string> paths, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var started = Options.Time.GetTimestamp();
        var times = new DateTimeOffset?[paths.Count];
        for (var i = 0; i < paths.Count && Options.Time.GetElapsedTime(started) < budget; i++)
        {
            try
            {
                times[i] = await GetModifiedTimeAsync(paths[i], cancellationToken).ConfigureAwait(false);
            }
            catch (FtpPermanentException e) when (e.Reply?.Code is not (500 or 502 or 504))
            {
                times[i] = null;
            }
        }

        return times;
    }

    public Task SetModifiedTimeAsync(string path, DateTimeOffset time, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.SetModifiedTime, path, null, () => _tree.SetModified(InMemoryTree.Normalize(path), time), cancellationToken);

    public Task ChangeModeAsync(string path, int mode, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.ChangeMode, path, null, () => _tree.SetMode(InMemoryTree.Normalize(path), mode), cancellationToken);

    public Task DeleteFileAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.Delete, path, null, () => _tree.DeleteFile(InMemoryTree.Normalize(path)), cancellationToken);

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.MakeDirectory, path, null, () => _tree.Add(InMemoryTree.Normalize(path), StoredKind.Directory), cancellationToken);

    public Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.RemoveDirectory, path, null, () => _tree.RemoveDirectory(InMemoryTree.Normalize(path)), cancellationToken);

    public Task RenameAsync(string fromPath, string toPath, CancellationToken cancellationToken) =>
        RunAsync(StoreVerb.Rename, fromPath, toPath, () => _tree.Rename(InMemoryTree.Normalize(fromPath), InMemoryTree.Normalize(toPath)), cancellationToken);

    /// <summary>As the FTP client without pipelining: mode, time, then the rename, each its own command; refusals of the first two are reported.</summary>
    public async Task<FtpPlaceOutcome> PlaceUploadAsync(
        string temporary, string target, int? mode, DateTimeOffset? modified, CancellationToken cancellationToken)
    {
        FtpException? modeError = null;
        FtpException? timeError = null;
        if (mode is { } bits)
        {
            try
            {
                await ChangeModeAsync(temporary, bits, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpException e)
            {
                modeError = e;
            }
        }

        if (modified is { } time)
        {
            try
            {
                await SetModifiedTimeAsync(temporary, time, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpException e)
            {
                timeError = e;
            }
        }

        await RenameAsync(temporary, target, cancellationToken).ConfigureAwait(false);
        return modeError is null && timeError is null ? FtpPlaceOutcome.Applied : new FtpPlaceOutcome(modeError, timeError);
    }

    public Task<IRemoteDownload> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) =>
        RunAsync<IRemoteDownload>(
            StoreVerb.Retrieve,
            path,
            null,
            () =>
            {
                var normalized = InMemoryTree.Normalize(path);
                var content = _tree.FindFile(normalized).Content.ToArray();
                var end = Math.Min(content.Length, Faults.ShortReadEnd(normalized) ?? long.MaxValue);
                var start = Math.Min(offset, end);
                return new InMemoryDownload(normalized, content.AsMemory((int)start, (int)(end - start)), Faults.CutAfter(StoreVerb.Retrieve, normalized), _connections);
            },
            cancellationToken,
            offset);

    public Task<IRemoteUpload> OpenWriteAsync(string path, CancellationToken cancellationToken) =>
        OpenStoreAsync(path, 0, cancellationToken);

    /// <summary>STOR, or REST + STOR from <paramref name="offset"/>: the file keeps its first bytes and grows from there.</summary>
    private Task<IRemoteUpload> OpenStoreAsync(string path, long offset, CancellationToken cancellationToken) =>
        RunAsync<IRemoteUpload>(
            StoreVerb.Store,
            path,
            null,
            () =>
            {
                var normalized = InMemoryTree.Normalize(path);
                StoredItem item;
                if (offset > 0)
                {
                    item = _tree.FindFile(normalized);
                    item.Content.SetLength(offset);
                    item.Content.Position = offset;
                }
                else
                {
                    item = _tree.Add(normalized, StoredKind.File, replace: true);
                }

                return new InMemoryUpload(this, normalized, item, Faults.CutAfter(StoreVerb.Store, normalized));
            },
            cancellationToken,
            offset);

    /// <summary>
    /// One attempt, never retried: from the size already stored (SIZE, then REST + STOR) when that is at most
    /// <paramref name="kept"/> and the source's length, as the FTP client goes on from a cut upload; else from zero.
    /// </summary>
    public async Task<long> UploadAsync(string path, Stream source, long kept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var start = source.CanSeek ? source.Position : 0;
        var offset = kept > 0 && source.CanSeek ? await StoredPrefixAsync(path, Math.Min(kept, source.Length - start), cancellationToken).ConfigureAwait(false) : 0;
        source.Position = start + offset;
        var upload = (InMemoryUpload)await OpenStoreAsync(path, offset, cancellationToken).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await upload.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await upload.CompleteAsync(offset + upload.BytesWritten, cancellationToken).ConfigureAwait(false);
            return offset + upload.BytesWritten;
        }
    }

    private async Task<long> StoredPrefixAsync(string path, long sameUpTo, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await GetSizeAsync(path, cancellationToken).ConfigureAwait(false);
            return stored > 0 && stored <= sameUpTo ? stored : 0;
        }
        catch (FtpPermanentException)
        {
            return 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        Faults.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>Bytes every upload sent so far, cut ones included: what a resumed upload saves shows here.</summary>
    public long BytesStored => Interlocked.Read(ref _bytesStored);

    internal void Append(StoredItem item, ReadOnlySpan<byte> data)
    {
        Interlocked.Add(ref _bytesStored, data.Length);
        lock (_tree.Sync)
        {
            item.Content.Write(data);
            item.Modified = _tree.Now();
        }
    }

    /// <summary>The end of a STOR: a short-store fault cuts what the server keeps; the stored length is returned.</summary>
    internal long Complete(string path, StoredItem item)
    {
        lock (_tree.Sync)
        {
            if (Faults.ShortStoreLength(path) is { } keeps && keeps < item.Content.Length)
            {
                item.Content.SetLength(keeps);
            }

            return item.Content.Length;
        }
    }

    /// <summary>
    /// One command: logged as sent, held at any gate, refused by any fault, then done under the tree's lock. A
    /// refusal by the store's own rules is logged as refused too.
    /// </summary>
    private async Task<T> RunAsync<T>(
        StoreVerb verb, string path, string? target, Func<T> effect, CancellationToken cancellationToken, long offset = 0)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var normalized = InMemoryTree.Normalize(path);
        var normalizedTarget = target is null ? null : InMemoryTree.Normalize(target);
        StoreCommand command;
        lock (_tree.Sync)
        {
            command = new StoreCommand(verb, normalized, normalizedTarget, Overwrites(verb, normalized, normalizedTarget, offset)) { Offset = offset };
        }

        lock (_commands)
        {
            _commands.Add(command);
        }

        _connections.Touch();
        await Faults.PassGatesAsync(verb, normalized, normalizedTarget, cancellationToken).ConfigureAwait(false);
        try
        {
            if (Faults.RefusalFor(verb, normalized, normalizedTarget) is { } refusal)
            {
                throw refusal;
            }

            lock (_tree.Sync)
            {
                return effect();
            }
        }
        catch (FtpException)
        {
            command.Refused = true;
            throw;
        }
    }

    /// <summary>A REST + STOR (<paramref name="offset"/> above 0) keeps what is there up to the offset: no overwrite.</summary>
    private bool Overwrites(StoreVerb verb, string path, string? target, long offset) => verb switch
    {
        StoreVerb.Rename => target is not null && _tree.Find(target) is not null,
        StoreVerb.Store => offset == 0 && _tree.Find(path) is not null,
        _ => false,
    };

    private static string[] FeatureLines(InMemoryStoreOptions options)
    {
        var lines = new List<string> { "Features:" };
        if (options.Mlst)
        {
            lines.Add(" MLST type*;size*;modify*;unix.mode*;");
        }

        if (options.Mfmt)
        {
            lines.Add(" MFMT");
        }

        if (options.Size)
        {
            lines.Add(" SIZE");
        }

        if (options.Mdtm)
        {
            lines.Add(" MDTM");
        }

        lines.Add(" UTF8");
        lines.Add(" REST STREAM");
        lines.Add("End");
        return [.. lines];
    }
}
