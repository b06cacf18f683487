namespace FtpMount.Cli.Status;

/// <summary>What asking one mount for its status gave.</summary>
internal abstract record StatusReply(string MountPoint)
{
    /// <summary>The document, and the line it came as (printed unchanged by <c>--json</c>, unknown fields and all).</summary>
    public sealed record Report(string MountPoint, StatusDocument Document, string Json) : StatusReply(MountPoint);

    /// <summary>A mount of an older ftpmount, whose status is a text report.</summary>
    public sealed record LegacyText(string MountPoint, string Text) : StatusReply(MountPoint);

    /// <summary>No socket, or nobody listening on it: the mount is gone (or is not an ftpmount mount of this user).</summary>
    public sealed record Gone(string MountPoint, string Reason) : StatusReply(MountPoint);

    /// <summary>Something answered but not usefully (no answer in time, not a document of a version we read).</summary>
    public sealed record Failed(string MountPoint, string Reason) : StatusReply(MountPoint);
}
