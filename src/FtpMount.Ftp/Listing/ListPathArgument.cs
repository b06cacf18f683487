using System.Buffers;

namespace FtpMount.Ftp.Listing;

/// <summary>
/// Decides whether a directory may be named in the LIST command itself (one round trip fewer than CWD + LIST).
/// LIST's argument is not a plain path on real servers: vsftpd takes a leading '-' as options and everything after
/// the first space as the path; pure-ftpd and proftpd expand glob patterns (and '~'); some split at whitespace.
/// Only absolute paths free of all such characters go into the command; the rest are listed after CWD.
/// </summary>
internal static class ListPathArgument
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(" \t*?[]{}~\\\"'!$`");

    public static bool CanPass(string path) =>
        path.Length > 0 && path[0] == '/' && !path.AsSpan().ContainsAny(Unsafe) && !path.Contains("/-", StringComparison.Ordinal);

    /// <summary>
    /// True when a listing by path could be the server's answer for a path that is no directory: nothing, or only
    /// an entry named like the path's last component (vsftpd and pure-ftpd then list the parent, filtered).
    /// </summary>
    public static bool MayBeParentMatch(FtpListing listing, string path) =>
        listing.Entries.Count == 0
        || (listing.Entries.Count == 1 && listing.Entries[0].Name == FtpPaths.Split(path).Name);
}
