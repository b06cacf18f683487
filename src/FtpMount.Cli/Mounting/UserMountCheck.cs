using FtpMount.Cli.Options;

namespace FtpMount.Cli.Mounting;

/// <summary>
/// What fusermount3 demands of a mount by a normal user (libfuse 3.16 util/fusermount.c), checked before anything
/// starts so the user gets one sentence saying what to change instead of fusermount3's line and a generic failure:
/// <c>/dev/fuse</c> open to the user, a mount point the user may write to, and <c>allow_other</c>/<c>allow_root</c>
/// only where <c>/etc/fuse.conf</c> says <c>user_allow_other</c>. Root is never asked.
/// </summary>
internal sealed class UserMountCheck(uint uid, Func<string, int, bool> accessible, Func<string?> readFuseConf)
{
    public const string FuseConf = "/etc/fuse.conf";
    public const string FuseDevice = "/dev/fuse";

    public static UserMountCheck ForThisProcess() =>
        new(Native.LibC.geteuid(), static (path, mode) => Native.LibC.access(path, mode) == 0, ReadFuseConf);

    /// <summary>Throws <see cref="MountpointException"/> or <see cref="CommandLineException"/> with what to do.</summary>
    public void Check(MountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (uid == 0)
        {
            return;
        }

        var options = request.Options;
        if ((options.AllowOther || options.AllowRoot) && !UserAllowOther(readFuseConf()))
        {
            throw new CommandLineException(
                $"Option {(options.AllowOther ? "allow_other" : "allow_root")} is refused to a normal user unless {FuseConf} has a line " +
                "user_allow_other (fusermount3's rule); ask the administrator to add it, or mount without the option.");
        }

        // A descriptor from mount.fuse3 (/dev/fd/N) was opened and mounted already.
        if (request.FuseFileDescriptor is not null)
        {
            return;
        }

        if (!accessible(FuseDevice, Native.LibC.R_OK | Native.LibC.W_OK))
        {
            throw new MountpointException(
                $"{FuseDevice} is not open to this user, so only root can mount; desktops make it mode 0666 (udev), " +
                "or mount as root with allow_other.");
        }

        if (!accessible(request.MountPoint, Native.LibC.W_OK))
        {
            throw new MountpointException(
                $"Mount point {request.MountPoint} is not writable by this user; a normal user mounts only on a folder of their own (e.g. ~/mnt/NAME).");
        }
    }

    /// <summary>fusermount3's parser: a line, '#' to its end a comment, blanks trimmed, exactly <c>user_allow_other</c>.</summary>
    internal static bool UserAllowOther(string? conf)
    {
        if (conf is null)
        {
            return false;
        }

        foreach (var raw in conf.Split('\n'))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line == "user_allow_other")
            {
                return true;
            }
        }

        return false;
    }

    private static string? ReadFuseConf()
    {
        try
        {
            return File.ReadAllText(FuseConf);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // fusermount3 treats a missing or unreadable file as "nothing allowed".
            return null;
        }
    }
}
