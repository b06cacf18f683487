using FtpMount.Cli.Options;
using FtpMount.Dokan;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Mounting;

/// <summary>The Dokan mount options a command line asks for; OS-independent, so tested on Linux.</summary>
internal static class DokanRequestOptions
{
    public static DokanMountOptions For(MountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DokanMountOptions
        {
            MountPoint = request.MountPoint,
            UncName = request.NetworkDrive ? DokanMountOptions.UncNameFor(request.Host) : null,
            ReadOnly = request.ReadOnly,
            // dokan2.dll's own tracing only when the user asked for everything.
            DebugOutput = request.LogLevel == LogLevel.Trace,
        }.Validate();
    }
}
