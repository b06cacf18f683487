using System.Globalization;
using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Remembers, on disk, the saves that failed: one small "&lt;spool&gt;.pending" file beside the spool naming the
/// remote path and the metadata still to apply. A crash or kill of the mount then loses nothing that an
/// application wrote and closed: the next mount of the same source on the same mount point uploads it.
/// </summary>
internal sealed class SpoolJournal(string directory, ILogger logger)
{
    private const string Header = "ftpmount-pending 1";
    private const string Suffix = ".pending";

    public static void Record(FileNode node)
    {
        if (node.Spool is not { } spool)
        {
            return;
        }

        var entry = JournalPath(spool.FilePath);
        var temporary = entry + ".tmp";
        var lines = string.Join(
            '\n',
            Header,
            node.Path.Value,
            node.PendingMode is { } mode ? mode.ToString(CultureInfo.InvariantCulture) : "-",
            node.PendingModified is { } time ? time.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-");
        // Write then rename, so a crash never leaves a half-written entry.
        File.WriteAllText(temporary, lines + "\n");
        File.Move(temporary, entry, overwrite: true);
        node.Journaled = true;
    }

    public static void Clear(FileNode node)
    {
        if (node.Spool is { } spool)
        {
            File.Delete(JournalPath(spool.FilePath));
        }

        node.Journaled = false;
    }

    /// <summary>Pending uploads whose spool still exists; spool files without an entry were never promised and are removed.</summary>
    public List<PendingUpload> Load()
    {
        var pending = new List<PendingUpload>();
        if (!Directory.Exists(directory))
        {
            return pending;
        }

        foreach (var entry in Directory.EnumerateFiles(directory, "*" + Suffix))
        {
            var spool = entry[..^Suffix.Length];
            if (TryParse(entry, spool) is { } upload)
            {
                pending.Add(upload);
            }
            else
            {
                FsLog.JournalEntryUnreadable(logger, entry);
            }
        }

        foreach (var spool in Directory.EnumerateFiles(directory, "*.spool"))
        {
            if (!File.Exists(JournalPath(spool)))
            {
                File.Delete(spool);
            }
        }

        return pending;
    }

    private static PendingUpload? TryParse(string entry, string spool)
    {
        var lines = File.ReadAllLines(entry);
        if (lines.Length < 4 || lines[0] != Header || !File.Exists(spool))
        {
            return null;
        }

        try
        {
            var path = RemotePath.Parse(lines[1]);
            int? mode = lines[2] == "-" ? null : int.Parse(lines[2], CultureInfo.InvariantCulture);
            DateTimeOffset? modified = lines[3] == "-" ? null : new DateTimeOffset(long.Parse(lines[3], CultureInfo.InvariantCulture), TimeSpan.Zero);
            return new PendingUpload(spool, path, mode, modified);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidRemotePathException)
        {
            return null;
        }
    }

    private static string JournalPath(string spoolPath) => spoolPath + Suffix;
}

internal sealed record PendingUpload(string SpoolPath, RemotePath Path, int? Mode, DateTimeOffset? Modified);
