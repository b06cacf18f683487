namespace FtpMount.Cli.Tests.UserMount;

/// <summary>
/// Opens <c>/dev/fuse</c> to every user (0666, as udev does on desktops) for one test, and puts its mode back when
/// disposed, whatever happened. The tests that use it share one collection, so they never overlap.
/// </summary>
internal sealed class FuseDeviceAccess : IDisposable
{
    public const string Device = "/dev/fuse";

    private const UnixFileMode Everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
        | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private FuseDeviceAccess(UnixFileMode original) => Original = original;

    /// <summary>The mode before the test.</summary>
    public UnixFileMode Original { get; }

    /// <summary>Whether a normal user could open the device before the test opened it.</summary>
    public bool WasOpenToUsers => Original.HasFlag(UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

    public static FuseDeviceAccess Remember() =>
        File.Exists(Device)
            ? new FuseDeviceAccess(File.GetUnixFileMode(Device))
            : throw new InvalidOperationException($"{Device} is missing: load the fuse module (modprobe fuse) to run the user mount tests.");

    private bool _opened;

    public void OpenToEveryone()
    {
        _opened = true;
        File.SetUnixFileMode(Device, Everyone);
    }

    public void Dispose()
    {
        if (_opened)
        {
            File.SetUnixFileMode(Device, Original);
        }
    }
}
