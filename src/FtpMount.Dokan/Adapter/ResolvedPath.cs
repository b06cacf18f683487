using FtpMount.Core.Entries;
using FtpMount.Core.Paths;

namespace FtpMount.Dokan.Adapter;

/// <summary>
/// A Windows path looked up against the server: the server's spelling of every existing name (the caller's for
/// the rest), the entry when it exists, and whether its parent directory exists.
/// </summary>
internal readonly record struct ResolvedPath(RemotePath Path, RemoteEntry? Entry, bool ParentExists)
{
    public bool Exists => Entry is not null;
}
