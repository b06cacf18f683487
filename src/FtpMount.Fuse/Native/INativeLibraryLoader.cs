namespace FtpMount.Fuse.Native;

/// <summary>The dynamic loader as <see cref="FuseReleaseLoader"/> sees it; tests replace it to play missing or older libraries.</summary>
internal interface INativeLibraryLoader
{
    /// <summary>dlopen by soname, searching as the dynamic linker does (LD_LIBRARY_PATH, ld.so.cache, /lib, /usr/lib).</summary>
    bool TryLoad(string libraryName, out nint handle);

    /// <summary>dlsym: the default (<c>@@</c>) version of <paramref name="name"/>, as the static linker would bind it.</summary>
    bool TryGetExport(nint handle, string name, out nint address);
}
