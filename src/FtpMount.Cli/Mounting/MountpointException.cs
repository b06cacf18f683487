namespace FtpMount.Cli.Mounting;

/// <summary>The mount point cannot be used: missing, not a directory, or already a mount point.</summary>
internal sealed class MountpointException(string message) : Exception(message);
