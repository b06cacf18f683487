namespace FtpMount.Testing.Hostile.Files;

/// <summary>The served folder's entries as the server lists them. Links are listed as links, never followed.</summary>
internal static class LocalEntries
{
    /// <summary>A folder's entries, enumerated lazily while the listing is sent.</summary>
    public static IEnumerable<ListedEntry> Enumerate(string directory)
    {
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (Describe(info) is { } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary>The entry at <paramref name="path"/> itself (a link is the link), or null when nothing is there.</summary>
    public static ListedEntry? Describe(string path, string name)
    {
        FileSystemInfo info = Directory.Exists(path) && new FileInfo(path).LinkTarget is null
            ? new DirectoryInfo(path)
            : new FileInfo(path);
        return Describe(info) is { } entry ? entry with { Name = name } : null;
    }

    /// <summary>Whether anything, a dangling link included, is at <paramref name="path"/>.</summary>
    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static ListedEntry? Describe(FileSystemInfo info)
    {
        try
        {
            if (info.LinkTarget is { } target)
            {
                return ListedEntry.Symlink(info.Name, target, LastWrite(info));
            }

            if (!info.Exists)
            {
                return null;
            }

            var mode = (int)info.UnixFileMode;
            return info is DirectoryInfo
                ? ListedEntry.Directory(info.Name, LastWrite(info), mode)
                : ListedEntry.File(info.Name, ((FileInfo)info).Length, LastWrite(info), mode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone or unreadable between enumeration and stat: a real server would skip it too.
            return null;
        }
    }

    private static DateTimeOffset LastWrite(FileSystemInfo info) => new(info.LastWriteTimeUtc, TimeSpan.Zero);
}
