using FtpMount.Core.Paths;

namespace FtpMount.Dokan.Adapter;

/// <summary>Windows paths as Dokan passes them ("\", "\dir\file"), split into names the core can carry.</summary>
internal static class WindowsPath
{
    /// <summary>Top-level folders where Explorer's Recycle Bin keeps deleted files (Vista+, XP, 9x).</summary>
    private static readonly string[] RecycleBinFolders = ["$RECYCLE.BIN", "RECYCLER", "RECYCLED"];

    /// <summary>The names along the path; empty for the root. Throws <see cref="InvalidRemotePathException"/> for a name FTP cannot carry.</summary>
    public static string[] Split(string fileName)
    {
        var segments = fileName.Split(['\\', '/'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            RemotePath.ValidateName(segment);
        }

        return segments;
    }

    /// <summary>
    /// Whether the path is in a Recycle Bin folder. FTP has no place to keep deleted files with their old path and
    /// owner SID, so these are refused: Explorer then offers to delete permanently instead.
    /// </summary>
    public static bool IsInRecycleBin(string[] segments)
    {
        if (segments.Length == 0)
        {
            return false;
        }

        foreach (var folder in RecycleBinFolders)
        {
            if (string.Equals(segments[0], folder, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static RemotePath Combine(RemotePath parent, ReadOnlySpan<string> names)
    {
        var path = parent;
        foreach (var name in names)
        {
            path = path.Combine(name);
        }

        return path;
    }
}
