namespace FtpMount.Fuse.Native;

/// <summary>
/// The multithreaded loop of one release. From 3.12: <c>fuse_loop_mt_312</c> with an opaque config built by
/// <c>fuse_loop_cfg_*</c>, which caps the workers. Before: <c>fuse_loop_mt@FUSE_3.2</c> with the public
/// <see cref="FuseLoopConfigV1"/>, which only says how many idle workers to keep; libfuse then starts a worker
/// whenever none is free.
/// </summary>
internal sealed unsafe class FuseLoopEntryPoints
{
    internal const string Loop312 = "fuse_loop_mt_312";
    internal const string Loop32 = "fuse_loop_mt";

    private readonly delegate* unmanaged<nint, nint, int> _loop312;
    private readonly delegate* unmanaged<nint> _create;
    private readonly delegate* unmanaged<nint, void> _destroy;
    private readonly delegate* unmanaged<nint, uint, void> _setMaxThreads;
    private readonly delegate* unmanaged<nint, uint, void> _setIdleThreads;
    private readonly delegate* unmanaged<nint, uint, void> _setCloneFd;
    private readonly delegate* unmanaged<nint, FuseLoopConfigV1*, int> _loop32;

    private FuseLoopEntryPoints(string name, nint loop312, nint create, nint destroy, nint setMaxThreads, nint setIdleThreads, nint setCloneFd, nint loop32)
    {
        Name = name;
        _loop312 = (delegate* unmanaged<nint, nint, int>)loop312;
        _create = (delegate* unmanaged<nint>)create;
        _destroy = (delegate* unmanaged<nint, void>)destroy;
        _setMaxThreads = (delegate* unmanaged<nint, uint, void>)setMaxThreads;
        _setIdleThreads = (delegate* unmanaged<nint, uint, void>)setIdleThreads;
        _setCloneFd = (delegate* unmanaged<nint, uint, void>)setCloneFd;
        _loop32 = (delegate* unmanaged<nint, FuseLoopConfigV1*, int>)loop32;
    }

    internal string Name { get; }

    /// <summary>The 3.12 API; every address must be an export of the loaded library.</summary>
    internal static FuseLoopEntryPoints ForConfigObject(nint loop, nint create, nint destroy, nint setMaxThreads, nint setIdleThreads, nint setCloneFd) =>
        new(Loop312, loop, create, destroy, setMaxThreads, setIdleThreads, setCloneFd, 0);

    /// <summary>The 3.2 API (default version of <c>fuse_loop_mt</c> in 3.2 to 3.11).</summary>
    internal static FuseLoopEntryPoints ForVersion1Struct(nint loop) => new(Loop32, 0, 0, 0, 0, 0, 0, loop);

    internal int Run(nint fuse, uint maxThreads)
    {
        if (_loop32 != null)
        {
            // Keep idle workers rather than letting libfuse end and re-create threads, each of which the runtime
            // would have to attach again on its first callback.
            var config = new FuseLoopConfigV1 { clone_fd = 0, max_idle_threads = maxThreads };
            return _loop32(fuse, &config);
        }

        nint handle = _create();
        if (handle == 0)
        {
            throw new FuseException("fuse_loop_cfg_create failed");
        }

        try
        {
            _setMaxThreads(handle, maxThreads);
            _setIdleThreads(handle, maxThreads);
            _setCloneFd(handle, 0);
            return _loop312(fuse, handle);
        }
        finally
        {
            _destroy(handle);
        }
    }
}
