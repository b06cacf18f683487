namespace FtpMount.Fuse;

/// <summary>The libfuse release this process loaded, for logs and messages.</summary>
/// <param name="Version">The release, from <c>fuse_pkgversion()</c>, e.g. 3.16.2.</param>
/// <param name="FileName">The soname that was loaded: libfuse3.so.4 (3.17 and later) or libfuse3.so.3.</param>
public sealed record FuseLibraryInfo(Version Version, string FileName)
{
    public override string ToString() => $"libfuse {Version} ({FileName})";
}
