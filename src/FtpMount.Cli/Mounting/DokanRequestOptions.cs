using FtpMount.Cli.Options;
using FtpMount.Dokan;
using FtpMount.Dokan.Adapter;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Mounting;

/// <summary>The Dokan mount and adapter options a command line asks for; OS-independent, so tested on Linux.</summary>
internal static class DokanRequestOptions
{
    public static DokanMountOptions For(MountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DokanMountOptions
        {
            MountPoint = request.MountPoint,
            UncName = request.Options.NetworkDrive ? DokanMountOptions.UncNameFor(request.Host) : null,
            ReadOnly = request.Options.ReadOnly,
            // dokan2.dll's own tracing only when the user asked for everything.
            DebugOutput = request.Options.LogLevel == LogLevel.Trace,
        }.Validate();
    }

    /// <summary>The adapter's options for a volume mounted with <paramref name="mount"/>: its deadlines end before the driver's.</summary>
    public static RemoteDokanOptions AdapterFor(MountRequest request, DokanMountOptions mount)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mount);
        return new RemoteDokanOptions { HostName = request.Host, DriverTimeout = mount.Timeout }.Validate();
    }
}
