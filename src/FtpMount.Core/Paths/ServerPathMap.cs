namespace FtpMount.Core.Paths;

/// <summary>Maps mount paths to absolute server paths below the mounted root (the URL path or the login directory).</summary>
public sealed class ServerPathMap(string serverRoot)
{
    private readonly string _root = serverRoot.Length > 1 ? serverRoot.TrimEnd('/') : serverRoot;

    public string ServerRoot => _root;

    public string ToServer(RemotePath path) =>
        path.IsRoot ? _root : _root == "/" ? path.Value : _root + path.Value;
}
