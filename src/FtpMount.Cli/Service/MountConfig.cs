namespace FtpMount.Cli.Service;

/// <summary>One <c>mounts.d/NAME.conf</c>: the same SOURCE, MOUNTPOINT and <c>-o</c> list as a command line.</summary>
internal sealed record MountConfig(string Name, string Url, string MountPoint, string? Options)
{
    /// <summary>The command line this file stands for; a service mount always stays in the foreground.</summary>
    public IReadOnlyList<string> ToArguments() =>
        Options is null ? [Url, MountPoint, "-f"] : [Url, MountPoint, "-f", "-o", Options];
}
