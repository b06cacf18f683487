namespace FtpMount.Fuse;

/// <summary>The libfuse release this process loaded, for logs and messages.</summary>
/// <param name="Version">The release, from <c>fuse_pkgversion()</c>, e.g. 3.16.2.</param>
/// <param name="FileName">The soname that was loaded: libfuse3.so.4 (3.17 and later) or libfuse3.so.3.</param>
public sealed record FuseLibraryInfo(Version Version, string FileName)
{
    /// <summary>Whether the kernel may list folders from its own copy with this release (libfuse 3.16.1 and later).</summary>
    public bool CachesListingsInKernel => Native.FuseRelease.ForwardsOpenDirCacheFlags(Version);

    public override string ToString() => $"libfuse {Version} ({FileName})";
}
