namespace FtpMount.Cli.Options;

/// <summary>
/// Options that mount(8), systemd and mount.fuse3 put in <c>-o</c> on their own for an fstab line of type
/// <c>fuse.ftpmount</c>. They must never fail a boot-time mount.
/// </summary>
internal static class GenericMountOptions
{
    /// <summary>
    /// Kernel mount flags: kept, in order, for the FUSE binding to pass on. mount.fuse3 appends dev and suid itself, so
    /// they are accepted, but the binding always mounts nosuid,nodev (see FuseArguments).
    /// </summary>
    private static readonly HashSet<string> KernelFlags = new(StringComparer.Ordinal)
    {
        "suid", "nosuid", "dev", "nodev", "exec", "noexec",
        "atime", "noatime", "diratime", "nodiratime", "relatime", "norelatime", "strictatime", "nostrictatime",
        "lazytime", "nolazytime", "sync", "async", "dirsync",
    };

    /// <summary>Options only mount(8), systemd or fstab readers act on (mount(8) "userspace" options): dropped.</summary>
    private static readonly HashSet<string> UserspaceOnly = new(StringComparer.Ordinal)
    {
        "defaults", "auto", "noauto", "user", "nouser", "users", "owner", "noowner", "group", "nogroup",
        "_netdev", "nofail", "silent", "loud",
    };

    public static bool IsKernelFlag(MountOption option) => option.Value is null && KernelFlags.Contains(option.Name);

    public static bool IsIgnored(MountOption option) =>
        (option.Value is null && UserspaceOnly.Contains(option.Name))
        // x-systemd.*, x-gvfs-*, x-mount.mkdir…: util-linux reserves x-* for userspace tools and passes them on.
        || option.Name.StartsWith("x-", StringComparison.Ordinal)
        || option.Name == "comment";
}
