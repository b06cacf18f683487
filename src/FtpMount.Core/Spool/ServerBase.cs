using FtpMount.Core.Entries;

namespace FtpMount.Core.Spool;

/// <summary>
/// What the server had under a file's name when its local content was taken: nothing (a new file), or a file of
/// <see cref="Size"/> bytes last modified at <see cref="Modified"/> (null when that time is our own guess, after our own
/// upload, and so not comparable with what the server lists). The size is null when the server gave none; sizes are
/// compared only when both are known.
/// </summary>
internal sealed record ServerBase(bool Absent, long? Size, DateTimeOffset? Modified)
{
    public static readonly ServerBase None = new(true, 0, null);

    public static ServerBase Of(RemoteEntry? entry, bool modifiedIsOurs) =>
        entry is null ? None : new ServerBase(false, entry.Size, modifiedIsOurs ? null : entry.Modified);

    /// <summary>
    /// Whether <paramref name="now"/> (what the server has now) is still the file this base describes. Times are
    /// compared to the second: the base and the check come from the same listing command of the same server.
    /// </summary>
    public bool StillMatches(RemoteEntry? now)
    {
        if (now is null)
        {
            // Nothing there (never was, or deleted by someone else): uploading overwrites nothing.
            return true;
        }

        if (Absent || now.IsDirectory || (Size is { } size && now.Size is { } nowSize && nowSize != size))
        {
            return false;
        }

        return Modified is not { } modified || modified.ToUnixTimeSeconds() == now.Modified.ToUnixTimeSeconds();
    }

    /// <summary>The server entry this base stands for, for a node rebuilt from the journal (null when absent).</summary>
    public RemoteEntry? ToEntry(string name, int? mode) =>
        Absent ? null : new RemoteEntry(name, EntryKind.File, Size, Modified ?? DateTimeOffset.UnixEpoch, mode, null);
}
