namespace FtpMount.Fuse.Native;

/// <summary>
/// The libfuse release loaded into this process, chosen once by <see cref="FuseReleaseLoader"/>: its version, the
/// entry points its exports offer for the two calls whose ABI changed between 3.10 and 3.18, and the
/// <c>fuse_file_info</c> bit layout. Everything else is bound by <see cref="LibFuse3"/> and is the same in every release.
/// </summary>
internal sealed unsafe class FuseRelease
{
    private readonly delegate* unmanaged<FuseArgs*, FuseOperations*, nuint, nint, nint> _new;
    private readonly FuseLoopEntryPoints _loop;

    internal FuseRelease(
        Version version,
        string libraryName,
        nint handle,
        string newEntryPoint,
        delegate* unmanaged<FuseArgs*, FuseOperations*, nuint, nint, nint> fuseNew,
        FuseLoopEntryPoints loop)
    {
        Version = version;
        LibraryName = libraryName;
        Handle = handle;
        NewEntryPoint = newEntryPoint;
        _new = fuseNew;
        _loop = loop;
        FileInfoBits = FuseFileInfoBits.For(version);
    }

    internal Version Version { get; }

    /// <summary>The soname that was loaded.</summary>
    internal string LibraryName { get; }

    /// <summary>The dlopen handle; <see cref="LibFuse3"/>'s imports resolve to it.</summary>
    internal nint Handle { get; }

    /// <summary>The export behind <c>fuse_new</c>: <c>fuse_new_31</c> (3.13 and later) or <c>fuse_new</c> (its default version, FUSE_3.1, before).</summary>
    internal string NewEntryPoint { get; }

    /// <summary>The export behind the multithreaded loop: <c>fuse_loop_mt_312</c> (3.12 and later) or <c>fuse_loop_mt</c> (FUSE_3.2, before).</summary>
    internal string LoopEntryPoint => _loop.Name;

    internal FuseFileInfoBits FileInfoBits { get; }

    internal FuseLibraryInfo Info => new(Version, LibraryName);

    /// <summary>
    /// Whether this release can hand the kernel a backing file for an open (passthrough): 3.17 added
    /// <c>fuse_file_info.backing_id</c>, which its fill_open turns into FOPEN_PASSTHROUGH, and the
    /// <c>fuse_conn_info</c> fields that ask for it at init (<c>want_ext</c>, <c>max_backing_stack_depth</c>).
    /// </summary>
    internal bool HasPassthrough => Version >= PassthroughRelease;

    private static readonly Version PassthroughRelease = new(3, 17);

    /// <summary><c>struct fuse *fuse_new(struct fuse_args*, const struct fuse_operations*, size_t op_size, void *private_data)</c> (the 3.1 ABI).</summary>
    internal nint New(FuseArgs* args, FuseOperations* operations, nuint operationsSize, nint privateData) =>
        _new(args, operations, operationsSize, privateData);

    /// <summary>Serves requests on libfuse worker threads until the session exits; <paramref name="maxThreads"/> caps them from 3.12 on.</summary>
    internal int Loop(nint fuse, uint maxThreads) => _loop.Run(fuse, maxThreads);

    public override string ToString() => Info.ToString();

    /// <summary>
    /// Before 3.16.1 libfuse's high-level opendir gives the file system a copy of <c>fuse_file_info</c> and replies
    /// with the original, so keep_cache and cache_readdir set there never reach the kernel (ChangeLog 3.16.1:
    /// "Readdir kernel cache can be enabled from high-level API"; fuse_lib_opendir copies both back from then on).
    /// </summary>
    internal static bool ForwardsOpenDirCacheFlags(Version version) => version >= new Version(3, 16, 1);
}
