namespace FtpMount.Cli.Tests.Installer;

/// <summary>Appends one line (and a marker comment) to /etc/fstab; disposing writes the original bytes back.</summary>
internal sealed class FstabEntry : IDisposable
{
    public const string FstabPath = "/etc/fstab";

    private readonly byte[] _original;

    public FstabEntry(string line)
    {
        _original = File.ReadAllBytes(FstabPath);
        var separator = _original.Length > 0 && _original[^1] != (byte)'\n' ? "\n" : string.Empty;
        File.AppendAllText(FstabPath, $"{separator}{HostState.FstabMarker}\n{line}\n");
    }

    public void Dispose() => File.WriteAllBytes(FstabPath, _original);
}
