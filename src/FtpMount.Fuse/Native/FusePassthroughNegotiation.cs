namespace FtpMount.Fuse.Native;

/// <summary>Asks for passthrough in the init callback where the loaded libfuse and the kernel both offer it.</summary>
internal static unsafe class FusePassthroughNegotiation
{
    /// <summary>
    /// libfuse mount options that make fuse_lib_open set direct_io or keep_cache on every open after the file
    /// system's own choice: with FOPEN_PASSTHROUGH the kernel fails the user's open with EIO (keep_cache), or sends
    /// every read to the daemon anyway (direct_io).
    /// </summary>
    private static readonly string[] ConflictingOptions = ["kernel_cache", "auto_cache", "direct_io"];

    /// <returns>Null when <paramref name="passthrough"/> was negotiated; otherwise why not.</returns>
    internal static string? Negotiate(FuseRelease release, FuseMountOptions options, FuseConnInfo* connection, out FusePassthrough? passthrough)
    {
        passthrough = null;
        if (!release.HasPassthrough)
        {
            return $"libfuse {release.Version} cannot hand the kernel a backing file (libfuse 3.17 and later can)";
        }

        if (options.ExtraOptions.FirstOrDefault(o => ConflictingOptions.Contains(o, StringComparer.Ordinal)) is { } conflicting)
        {
            return $"the mount option {conflicting} would set flags the kernel refuses with passthrough";
        }

        if ((connection->capable_ext & FusePassthrough.Capability) == 0)
        {
            return $"the kernel (FUSE protocol {connection->proto_major}.{connection->proto_minor}) does not offer passthrough " +
                "(Linux 6.9 and later built with CONFIG_FUSE_PASSTHROUGH do)";
        }

        // want and want_ext together: libfuse converts want into want_ext after init unless their low halves agree.
        connection->want_ext |= FusePassthrough.Capability;
        connection->want = (uint)connection->want_ext;
        connection->max_backing_stack_depth = FusePassthrough.BackingStackDepth;
        passthrough = new FusePassthrough(LibFuse3.fuse_session_fd(LibFuse3.fuse_get_session(LibFuse3.fuse_get_context()->fuse)));
        return null;
    }
}
