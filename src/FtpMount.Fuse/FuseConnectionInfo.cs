namespace FtpMount.Fuse;

/// <summary>What the kernel told libfuse at <c>FUSE_INIT</c> (<c>struct fuse_conn_info</c>).</summary>
/// <param name="Capabilities">The <c>FUSE_CAP_*</c> bits the kernel supports.</param>
public readonly record struct FuseConnectionInfo(
    uint ProtocolMajor,
    uint ProtocolMinor,
    uint MaxWrite,
    uint MaxRead,
    uint MaxReadahead,
    uint Capabilities)
{
    /// <summary>The mount's passthrough when <see cref="FuseMountOptions.Passthrough"/> asked for it and it was negotiated.</summary>
    public FusePassthrough? Passthrough { get; init; }

    /// <summary>Why <see cref="Passthrough"/> is null although it was asked for (for a log line); null otherwise.</summary>
    public string? PassthroughUnavailable { get; init; }
}
