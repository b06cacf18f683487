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
}
