using System.Text;

namespace FtpMount.Core.Spool;

/// <summary>
/// The temporary upload names (<c>.ftpmount-*.part</c>) this mount created on the server and has not yet renamed
/// or deleted: one small "&lt;name&gt;.upload" record each in the source's spool folder, written before the STOR starts.
/// </summary>
/// <remarks>
/// A mount killed mid-upload leaves its temporaries on the server; the next mount of the same source and folder
/// holds the spool folder's lock, so no live upload can own a recorded name any more, and removes them without
/// walking the server. Records are not fsynced: a process kill keeps the page cache, and a power loss costs at
/// most a leftover temporary file, never data.
/// </remarks>
internal sealed class TemporaryLedger(SpoolFolder folder)
{
    private const string Suffix = ".upload";

    public void Add(string serverPath)
    {
        using var file = folder.CreateNew(RecordName(serverPath));
        file.Write(Encoding.UTF8.GetBytes(serverPath));
    }

    public void Remove(string serverPath) => File.Delete(folder.PathOf(RecordName(serverPath)));

    /// <summary>Recorded temporaries of an earlier run, as server paths; their records stay until <see cref="Remove"/>.</summary>
    public List<string> Leftovers()
    {
        var paths = new List<string>();
        foreach (var record in Directory.EnumerateFiles(folder.FullPath, "*" + Suffix))
        {
            var path = File.ReadAllText(record);
            // Only what we name ourselves: a damaged or planted record must never make us delete another file.
            if (Path.GetFileName(record) == TryRecordName(path))
            {
                paths.Add(path);
            }
            else
            {
                File.Delete(record);
            }
        }

        return paths;
    }

    /// <summary>The record's name is the temporary's own unique name, which <see cref="Nodes.TemporaryNames.IsUpload"/> checks.</summary>
    private static string RecordName(string serverPath) =>
        TryRecordName(serverPath) ?? throw new ArgumentException($"{serverPath} is not a temporary upload name.", nameof(serverPath));

    private static string? TryRecordName(string serverPath)
    {
        var name = serverPath[(serverPath.LastIndexOf('/') + 1)..];
        return Nodes.TemporaryNames.IsUpload(name) ? name + Suffix : null;
    }
}
