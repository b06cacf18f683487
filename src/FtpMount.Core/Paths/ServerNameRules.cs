using FtpMount.Core.Errors;
using FtpMount.Core.Storage;
using FtpMount.Ftp;

namespace FtpMount.Core.Paths;

/// <summary>
/// What one server can be sent in a path: how long a path may be, and whether a backslash is an ordinary character
/// there (as in Linux names) or may be read as a folder separator (Windows servers), which could make a name such as
/// <c>..\x</c> address something outside its folder.
/// </summary>
public sealed record ServerNameRules(bool BackslashIsOrdinary)
{
    /// <summary>How the server writes names (-o encoding): a name it has no bytes for is refused here, never sent.</summary>
    public FtpNameEncoding NameEncoding { get; init; } = FtpNameEncoding.Utf8;

    /// <summary>
    /// The longest command line (without CRLF) sent to any server. Measured on the servers we test: pyftpdlib 1.5.7
    /// answers "500 Command too long." past 2048 bytes and then reads the rest of the line as a command of its own
    /// (the replies shift by one); vsftpd 3.0.3 takes 4094 and ends the session past that; proftpd 1.3.8 takes 4100
    /// and silently drops longer lines (the client waits for a reply that never comes); pure-ftpd 1.0.50 takes 4110
    /// and resets the connection. The smallest is the only safe bound for a server we cannot identify.
    /// </summary>
    public const int MaxCommandBytes = 2048;

    /// <summary>"MFMT 20210304050607 " and vsftpd's "MDTM 20210304050607 ": the longest text before a path in a command.</summary>
    private const int LongestCommandPrefix = 20;

    /// <summary>
    /// Our own names beside a path are longer than it by at most this: "NAME.ftpmount-&lt;12 hex&gt;.kept" (27 bytes
    /// more), or a ".ftpmount-&lt;12 hex&gt;.part"/".old" name (27 bytes) in place of a name of at least one byte.
    /// </summary>
    private const int OwnNameGrowth = 27;

    /// <summary>The longest server path (root and mount path, UTF-8) that every command, and every temporary name beside it, can carry.</summary>
    public const int MaxServerPathBytes = MaxCommandBytes - LongestCommandPrefix - OwnNameGrowth;

    /// <summary>For a server not known to be Unix-like: a backslash is never sent.</summary>
    public static ServerNameRules Strict { get; } = new(BackslashIsOrdinary: false);

    /// <summary>
    /// A Unix-like server that takes a backslash in a name, decided from two observations: SYST names a UNIX system
    /// (RFC 959 §4.1.3; IIS says "Windows_NT"), and <c>CWD &lt;root&gt;/.\.</c> is refused as a folder that does not
    /// exist (550: vsftpd, proftpd, pyftpdlib), a folder literally named <c>.\.</c>. A server that maps <c>\</c> to
    /// <c>/</c> (FileZilla Server, which also says "UNIX emulated", IIS, anything on Windows paths) resolves it to the
    /// root itself (2xx); pure-ftpd refuses every path with a backslash ("553 Prohibited file name"), so names with
    /// one could be listed there but never opened. SYST refused, a 4xx or anything else in doubt: <see cref="Strict"/>.
    /// </summary>
    public static ServerNameRules Decide(string? systemName, int backslashProbeReply) =>
        systemName is not null && systemName.StartsWith("UNIX", StringComparison.OrdinalIgnoreCase)
        && backslashProbeReply is >= 500 and < 600 and not 553
            ? new ServerNameRules(BackslashIsOrdinary: true)
            : Strict;

    /// <summary>Asks the server the two questions <see cref="Decide"/> needs (SYST, then the CWD probe if SYST says UNIX).</summary>
    public static async Task<ServerNameRules> DetectAsync(IRemoteStore client, string serverRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var encoding = client.NameEncoding;
        var system = await client.GetSystemAsync(cancellationToken).ConfigureAwait(false);
        if (!Decide(system, 550).BackslashIsOrdinary)
        {
            return Strict with { NameEncoding = encoding };
        }

        var reply = await client.ProbeChangeDirectoryAsync(FtpPaths.Combine(serverRoot, ".\\."), cancellationToken).ConfigureAwait(false);
        return Decide(system, reply) with { NameEncoding = encoding };
    }

    /// <summary>Whether a name from this server's listing can be used through the mount.</summary>
    public bool CanCarry(string name) => BackslashIsOrdinary || !name.Contains('\\', StringComparison.Ordinal);

    /// <summary>Throws <see cref="InvalidRemotePathException"/> unless <paramref name="serverPath"/> (for <paramref name="path"/>) can be sent.</summary>
    public void Check(RemotePath path, string serverPath)
    {
        if (!BackslashIsOrdinary && path.Value.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidRemotePathException(
                $"{path} contains a backslash, which this server may read as a folder separator (it is not known to be Unix-like); it was not sent.");
        }

        if (!NameEncoding.IsUtf8 && !NameEncoding.CanEncode(serverPath))
        {
            throw new InvalidRemotePathException(
                $"{path} has a character that the server's encoding {NameEncoding.Name} cannot write; it was not sent.", FsError.IllegalSequence);
        }

        if (serverPath.Length > MaxServerPathBytes / 3 && NameEncoding.GetByteCount(serverPath) is var bytes && bytes > MaxServerPathBytes)
        {
            throw new InvalidRemotePathException(
                $"{path} is {bytes} bytes long on the server; FTP servers take paths of up to {MaxServerPathBytes} bytes here (command lines of {MaxCommandBytes}).",
                FsError.NameTooLong);
        }
    }
}
