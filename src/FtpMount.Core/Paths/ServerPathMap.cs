namespace FtpMount.Core.Paths;

/// <summary>
/// Maps mount paths to absolute server paths below the mounted root (the URL path or the login directory). Every
/// path sent to the server is made here, so here it is refused (never rewritten) when the server cannot take it:
/// too long for a command line, or a backslash where the server may read one as a separator (<see cref="Rules"/>).
/// </summary>
public sealed class ServerPathMap(string serverRoot, ServerNameRules? rules = null)
{
    private readonly string _root = serverRoot.Length > 1 ? serverRoot.TrimEnd('/') : serverRoot;

    public string ServerRoot => _root;

    public ServerNameRules Rules { get; } = rules ?? ServerNameRules.Strict;

    public string ToServer(RemotePath path)
    {
        var server = path.IsRoot ? _root : _root == "/" ? path.Value : _root + path.Value;
        Rules.Check(path, server);
        return server;
    }

    /// <summary>The mount path of a server path below the root, or null for one outside it (never shown as is).</summary>
    public RemotePath? ToMount(string serverPath)
    {
        ArgumentNullException.ThrowIfNull(serverPath);
        var below = _root == "/" ? serverPath
            : serverPath == _root ? "/"
            : serverPath.StartsWith(_root + "/", StringComparison.Ordinal) ? serverPath[_root.Length..]
            : null;
        try
        {
            return below is not null && below.StartsWith('/') ? RemotePath.Parse(below) : null;
        }
        catch (InvalidRemotePathException)
        {
            return null;
        }
    }
}
