namespace FtpMount.Fuse;

/// <summary>What the kernel told libfuse at <c>FUSE_INIT</c> (<c>struct fuse_conn_info</c>).</summary>
/// <param name="Capabilities">The <c>FUSE_CAP_*</c> bits the kernel supports.</param>
public readonly record struct FuseConnectionInfo(
    uint ProtocolMajor,
    uint ProtocolMinor,
    uint MaxWrite,
    uint MaxRead,
    uint MaxReadahead,
    uint Capabilities);
