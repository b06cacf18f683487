namespace FtpMount.Cli.Mounting;

/// <summary>One line of /proc/self/mountinfo: where, what type, from what source.</summary>
internal sealed record MountEntry(string MountPoint, string FileSystemType, string Source)
{
    /// <summary>The per-superblock options (last field), e.g. FUSE's <c>rw,user_id=1000,group_id=1000</c>.</summary>
    public string SuperOptions { get; init; } = string.Empty;

    /// <summary>The user a FUSE mount belongs to (its <c>user_id=</c>), or null when the options do not say.</summary>
    public uint? FuseOwner
    {
        get
        {
            foreach (var option in SuperOptions.Split(','))
            {
                if (option.StartsWith("user_id=", StringComparison.Ordinal)
                    && uint.TryParse(option.AsSpan("user_id=".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid))
                {
                    return uid;
                }
            }

            return null;
        }
    }
}
