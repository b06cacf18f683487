namespace FtpMount.Cli.Mounting;

/// <summary>One line of /proc/self/mountinfo: where, what type, from what source.</summary>
internal sealed record MountEntry(string MountPoint, string FileSystemType, string Source);
