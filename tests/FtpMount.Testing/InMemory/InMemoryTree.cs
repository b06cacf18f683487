using FtpMount.Ftp;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Testing.InMemory;

/// <summary>
/// The files, folders and links of an <see cref="InMemoryRemoteStore"/> by absolute path, with the refusals a Unix
/// FTP server gives (550 for a missing name, a non-empty folder or a name taken, 553 for a missing parent), and
/// where servers differ, the choices of <see cref="InMemoryStoreOptions"/>. Every
/// member expects <see cref="Sync"/> to be held by the caller, so a check and its change are one step.
/// </summary>
internal sealed class InMemoryTree
{
    private const int FileMode = 0x1A4; // 0644
    private const int DirectoryMode = 0x1ED; // 0755

    private readonly SortedDictionary<string, StoredItem> _items = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly InMemoryStoreOptions _options;

    public InMemoryTree(InMemoryStoreOptions options)
    {
        _options = options;
        _time = options.Time;
        _items["/"] = new StoredItem { Kind = StoredKind.Directory, Modified = Now(), Mode = DirectoryMode };
    }

    public Lock Sync { get; } = new();

    public IReadOnlyList<string> Paths => [.. _items.Keys];

    /// <summary>Whole seconds, as servers keep them.</summary>
    public DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    public static string Normalize(string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"The test store takes absolute server paths only, not \"{path}\".", nameof(path));
        }

        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }

    public StoredItem? Find(string path) => _items.GetValueOrDefault(path);

    public StoredItem FindFile(string path) =>
        Find(path) is { Kind: StoredKind.File } file ? file : throw Refusal(550, $"{path}: No such file.");

    public StoredItem FindDirectory(string path) =>
        Find(path) is { Kind: StoredKind.Directory } directory ? directory : throw Refusal(550, $"{path}: No such directory.");

    public IEnumerable<(string Name, StoredItem Item)> Children(string directory)
    {
        var prefix = directory == "/" ? "/" : directory + "/";
        foreach (var (path, item) in _items)
        {
            if (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path.IndexOf('/', prefix.Length) < 0)
            {
                yield return (path[prefix.Length..], item);
            }
        }
    }

    public static FtpListEntry Describe(string name, StoredItem item) => item.Kind switch
    {
        StoredKind.File => new FtpListEntry(name, FtpEntryType.File, item.Content.Length, item.Modified, item.Mode, null),
        StoredKind.Directory => new FtpListEntry(name, FtpEntryType.Directory, 0, item.Modified, item.Mode, null),
        _ => new FtpListEntry(name, FtpEntryType.Symlink, item.LinkTarget?.Length ?? 0, item.Modified, item.Mode, item.LinkTarget),
    };

    /// <summary>A new item under an existing folder (553 without one, 550 when the name is taken unless <paramref name="replace"/>).</summary>
    public StoredItem Add(string path, StoredKind kind, bool replace = false, string? linkTarget = null)
    {
        var (parent, _) = FtpPaths.Split(path);
        if (Find(parent) is not { Kind: StoredKind.Directory } folder)
        {
            throw Refusal(553, $"{path}: the folder it would go in does not exist.");
        }

        if (Find(path) is { } existing && (!replace || existing.Kind == StoredKind.Directory))
        {
            throw Refusal(550, $"{path}: File exists.");
        }

        var item = new StoredItem
        {
            Kind = kind,
            Modified = Now(),
            Mode = kind == StoredKind.Directory ? DirectoryMode : FileMode,
            LinkTarget = linkTarget,
        };
        _items[path] = item;
        folder.Modified = item.Modified;
        return item;
    }

    /// <summary>mkdir -p, for seeding.</summary>
    public void AddFolders(string path)
    {
        if (Find(path) is { Kind: StoredKind.Directory })
        {
            return;
        }

        AddFolders(FtpPaths.Split(path).Parent);
        Add(path, StoredKind.Directory);
    }

    public void Remove(string path)
    {
        _items.Remove(path);
        if (Find(FtpPaths.Split(path).Parent) is { } folder)
        {
            folder.Modified = Now();
        }
    }

    /// <summary>Moves <paramref name="from"/> (and, for a folder, everything in it) to <paramref name="to"/>, replacing a file or empty folder there.</summary>
    public void Move(string from, string to)
    {
        var moving = _items.Keys.Where(p => p == from || p.StartsWith(from + "/", StringComparison.Ordinal)).ToList();
        var replaced = _items.Keys.Where(p => p == to || p.StartsWith(to + "/", StringComparison.Ordinal)).ToList();
        var items = moving.ToDictionary(p => p, p => _items[p]);
        foreach (var path in replaced.Concat(moving))
        {
            _items.Remove(path);
        }

        foreach (var (path, item) in items)
        {
            _items[to + path[from.Length..]] = item;
        }

        var now = Now();
        foreach (var folder in new[] { FtpPaths.Split(from).Parent, FtpPaths.Split(to).Parent })
        {
            if (Find(folder) is { } parent)
            {
                parent.Modified = now;
            }
        }
    }

    public bool SetModified(string path, DateTimeOffset time)
    {
        var item = Find(path) ?? throw Refusal(550, $"{path}: No such file.");
        if (!_options.Mfmt || (item.Kind == StoredKind.Directory && !_options.FolderTimes))
        {
            throw Refusal(550, $"{path}: Not a regular file.");
        }

        item.Modified = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond)).ToUniversalTime();
        return true;
    }

    public bool SetMode(string path, int mode)
    {
        if (!_options.Chmod)
        {
            throw Refusal(500, "SITE CHMOD not understood.");
        }

        var item = Find(path) ?? throw Refusal(550, $"{path}: No such file.");
        item.Mode = mode & 0x1FF;
        return true;
    }

    public bool DeleteFile(string path)
    {
        if (Find(path) is null or { Kind: StoredKind.Directory })
        {
            throw Refusal(550, $"{path}: No such file.");
        }

        Remove(path);
        return true;
    }

    public bool RemoveDirectory(string path)
    {
        FindDirectory(path);
        if (path == "/" || Children(path).Any())
        {
            throw Refusal(550, $"{path}: Directory not empty.");
        }

        Remove(path);
        return true;
    }

    public FtpListing Listing(string path)
    {
        FindDirectory(path);
        return new FtpListing([.. Children(path).Select(c => Describe(c.Name, c.Item))], []);
    }

    public FtpListEntry? Entry(string path)
    {
        if (path == "/")
        {
            return Describe("/", Find("/")!);
        }

        var (parent, name) = FtpPaths.Split(path);
        if (!_options.Mlst)
        {
            // As the client does without MLST: the parent's listing, which fails when the parent is missing.
            FindDirectory(parent);
        }

        return Find(path) is { } item ? Describe(name, item) : null;
    }

    public bool Rename(string from, string to)
    {
        var source = Find(from) ?? throw new FtpRenameSourceRefusedException($"550 {from}: No such file.", new FtpReply(550, [$"{from}: No such file."]));
        if (to == from || to.StartsWith(from + "/", StringComparison.Ordinal))
        {
            throw InMemoryTree.Refusal(550, $"{to}: Invalid target.");
        }

        if (Find(FtpPaths.Split(to).Parent) is not { Kind: StoredKind.Directory })
        {
            throw InMemoryTree.Refusal(553, $"{to}: the folder it would go in does not exist.");
        }

        if (Find(to) is { } target)
        {
            var replaceable = target.Kind == StoredKind.Directory
                ? source.Kind == StoredKind.Directory && !Children(to).Any()
                : source.Kind != StoredKind.Directory && _options.RenameReplacesFiles;
            if (!replaceable)
            {
                throw InMemoryTree.Refusal(550, $"{to}: File exists.");
            }
        }

        Move(from, to);
        return true;
    }

    public static FtpPermanentException Refusal(int code, string text) =>
        new($"{code} {text}", new FtpReply(code, [text]));
}
