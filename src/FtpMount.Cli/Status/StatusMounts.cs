using FtpMount.Cli.Mounting;

namespace FtpMount.Cli.Status;

/// <summary>The ftpmount mounts of this user, from the mount table: FUSE records each mount's owner as <c>user_id=</c>.</summary>
internal static class StatusMounts
{
    public const string FileSystemType = "fuse.ftpmount";

    public static List<string> OfThisUser() => Of(MountTable.Read(), Native.LibC.geteuid());

    internal static List<string> Of(IReadOnlyList<MountEntry> mounts, uint uid)
    {
        var points = new List<string>();
        foreach (var entry in mounts)
        {
            // Another user's mount has its socket in that user's private folder: asking would only fail.
            if (entry.FileSystemType != FileSystemType || (entry.FuseOwner is { } owner && owner != uid) || points.Contains(entry.MountPoint))
            {
                continue;
            }

            points.Add(entry.MountPoint);
        }

        return points;
    }
}
