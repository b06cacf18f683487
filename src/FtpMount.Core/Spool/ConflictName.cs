using System.Globalization;
using FtpMount.Core.Paths;

namespace FtpMount.Core.Spool;

/// <summary>
/// Where a pending upload goes when the server's file changed since the upload's content was based on it:
/// beside the original, <c>report.ftpmount-conflict-20250102-030405Z.txt</c> (the extension kept, so the file
/// still opens with its program). Beside it on the server rather than in the spool folder: the user finds both
/// versions where they look, every other client sees them, and nothing depends on this machine's disk.
/// </summary>
internal static class ConflictName
{
    public const string Marker = ".ftpmount-conflict-";

    public static RemotePath For(RemotePath path, DateTimeOffset when, int attempt)
    {
        var name = path.Name;
        var dot = name.LastIndexOf('.');
        var (stem, extension) = dot > 0 ? (name[..dot], name[dot..]) : (name, string.Empty);
        var stamp = when.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "Z";
        var counter = attempt > 1 ? "-" + attempt.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return path.Parent.Combine($"{stem}{Marker}{stamp}{counter}{extension}");
    }
}
