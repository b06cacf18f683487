namespace FtpMount.Fuse;

/// <summary>
/// How to mount. Everything in <see cref="FileSystemName"/>, <see cref="Subtype"/> and <see cref="ExtraOptions"/>
/// becomes visible to every local user in /proc/mounts: never put credentials there.
/// </summary>
public sealed record FuseMountOptions
{
    /// <summary>Absolute path of an existing, empty directory.</summary>
    public required string MountPoint { get; init; }

    /// <summary>The mount's source as /proc/mounts and df show it (<c>-o fsname=</c>), e.g. "ftp://example.org/".</summary>
    public string FileSystemName { get; init; } = "ftpmount";

    /// <summary>Type suffix: the mount shows as "fuse.&lt;subtype&gt;" (<c>-o subtype=</c>).</summary>
    public string Subtype { get; init; } = "ftpmount";

    /// <summary>How long the kernel may cache a name lookup.</summary>
    public TimeSpan EntryTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the kernel may cache attributes.</summary>
    public TimeSpan AttributeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the kernel may cache "no such file"; 0 disables negative caching.</summary>
    public TimeSpan NegativeTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Most libfuse worker threads serving requests at once.</summary>
    public int MaxThreads { get; init; } = 10;

    /// <summary>Let other users see the mount (<c>-o allow_other</c>; unprivileged mounts need user_allow_other in /etc/fuse.conf).</summary>
    public bool AllowOther { get; init; }

    /// <summary>Mount read-only (<c>-o ro</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Unlink open files at once instead of renaming them to .fuse_hiddenNNN until closed.</summary>
    public bool HardRemove { get; init; } = true;

    /// <summary>Owner shown for every node; null means the mounting process's effective user.</summary>
    public uint? OwnerUid { get; init; }

    /// <summary>Group shown for every node; null means the mounting process's effective group.</summary>
    public uint? OwnerGid { get; init; }

    /// <summary>
    /// Kernel read-ahead for the mount in KiB (its sysfs read_ahead_kb), raised once the mount is up; null keeps the
    /// kernel's 128 KiB. Larger read-ahead lets a sequential read reach the daemon as fewer, larger requests.
    /// Needs root; without it the kernel's default stays and the mount works as before.
    /// </summary>
    public int? ReadAheadKib { get; init; } = 4096;

    /// <summary>
    /// Ask the kernel at init for passthrough (<see cref="FusePassthrough"/>), so the file system may answer opens with
    /// a local backing file. Taken only where libfuse (3.17+) and the kernel (6.9+) both offer it; whether it was is
    /// in <see cref="FuseConnectionInfo.Passthrough"/>.
    /// </summary>
    public bool Passthrough { get; init; }

    /// <summary>libfuse's debug trace of every request to standard error (<c>-d</c>).</summary>
    public bool Debug { get; init; }

    /// <summary>
    /// Further <c>-o</c> mount options, one per entry ("default_permissions", "max_read=131072"). "suid" and "dev"
    /// are dropped: every mount is <c>nosuid,nodev</c>.
    /// </summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];

    /// <summary>How long <see cref="FuseHost.DisposeAsync"/> waits for the loop to end.</summary>
    public TimeSpan UnmountTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option and its value.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(MountPoint) || !Path.IsPathFullyQualified(MountPoint))
        {
            throw new ArgumentException($"{nameof(MountPoint)} must be an absolute path, not '{MountPoint}'.", nameof(MountPoint));
        }

        if (!Directory.Exists(MountPoint))
        {
            throw new ArgumentException($"{nameof(MountPoint)} '{MountPoint}' is not an existing directory.", nameof(MountPoint));
        }

        RequireOptionValue(FileSystemName, nameof(FileSystemName));
        RequireOptionValue(Subtype, nameof(Subtype));
        if (CarriesPassword(FileSystemName))
        {
            // Not echoed: the value is the secret.
            throw new ArgumentException($"{nameof(FileSystemName)} must not contain a password; it is shown in /proc/mounts.", nameof(FileSystemName));
        }

        RequireTimeout(EntryTimeout, nameof(EntryTimeout));
        RequireTimeout(AttributeTimeout, nameof(AttributeTimeout));
        RequireTimeout(NegativeTimeout, nameof(NegativeTimeout));
        RequireTimeout(UnmountTimeout, nameof(UnmountTimeout));
        if (MaxThreads is < 1 or > 1024)
        {
            throw new ArgumentException($"{nameof(MaxThreads)} must be between 1 and 1024, not {MaxThreads}.", nameof(MaxThreads));
        }

        if (ReadAheadKib is < 4 or > 65536)
        {
            throw new ArgumentException($"{nameof(ReadAheadKib)} must be between 4 and 65536, not {ReadAheadKib}.", nameof(ReadAheadKib));
        }

        ArgumentNullException.ThrowIfNull(ExtraOptions, nameof(ExtraOptions));
        foreach (string option in ExtraOptions)
        {
            RequireOptionValue(option, nameof(ExtraOptions));
            if (option.StartsWith("fsname=", StringComparison.Ordinal) || option.StartsWith("subtype=", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{nameof(ExtraOptions)} entry '{option}' duplicates {nameof(FileSystemName)}/{nameof(Subtype)}.", nameof(ExtraOptions));
            }
        }
    }

    private static void RequireOptionValue(string? value, string name)
    {
        // libfuse splits -o on commas and treats backslashes as escapes; refusing both keeps each option whole.
        if (string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny(",\\") >= 0 || value.Any(char.IsControl) || value.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"{name} must be non-empty without commas, backslashes or whitespace, not '{value}'.", name);
        }
    }

    private static void RequireTimeout(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must not be negative, not {value}.", name);
        }
    }

    /// <summary>True for a URL with "user:password@" in its authority.</summary>
    private static bool CarriesPassword(string name)
    {
        int scheme = name.IndexOf("://", StringComparison.Ordinal);
        ReadOnlySpan<char> authority = scheme >= 0 ? name.AsSpan(scheme + 3) : name.AsSpan();
        int slash = authority.IndexOf('/');
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        int at = authority.LastIndexOf('@');
        return at >= 0 && authority[..at].Contains(':');
    }
}
