namespace FtpMount.Core.Paths;

/// <summary>Maps mount paths to absolute server paths below the mounted root (the URL path or the login directory).</summary>
public sealed class ServerPathMap(string serverRoot)
{
    private readonly string _root = serverRoot.Length > 1 ? serverRoot.TrimEnd('/') : serverRoot;

    public string ServerRoot => _root;

    public string ToServer(RemotePath path) =>
        path.IsRoot ? _root : _root == "/" ? path.Value : _root + path.Value;

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
