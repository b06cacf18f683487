using System.Globalization;
using System.Runtime.InteropServices;
using FtpMount.Fuse;
using FtpMount.Fuse.ListingHost;

// FtpMount.Fuse.ListingHost MOUNTPOINT FOLDERS NAMES_PER_FOLDER: mounts GeneratedListing until SIGTERM, SIGINT or an
// external unmount. Prints the libfuse release it loaded, then "mounted".
if (args.Length != 3
    || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int folders)
    || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int names))
{
    await Console.Error.WriteLineAsync("usage: FtpMount.Fuse.ListingHost MOUNTPOINT FOLDERS NAMES_PER_FOLDER");
    return 2;
}

using var stop = new CancellationTokenSource();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

Console.WriteLine($"Using {FuseHost.LoadLibrary()}");
var options = new FuseMountOptions
{
    MountPoint = args[0],
    FileSystemName = "generated-listing",
    Subtype = "ftpmount-listing",
    // One worker: each worker thread's malloc arena grows once to the size of a listing (about 5 MB here), steps that
    // would blur what the test measures. (libfuse before 3.12 has no cap and may start a few more.)
    MaxThreads = 1,
    ReadOnly = true,
};
await using var host = new FuseHost(new GeneratedListing(folders, names), options);
Task running = host.RunAsync(stop.Token);
if (!running.IsFaulted)
{
    Console.WriteLine("mounted");
}

try
{
    await running;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Signalled: the host has unmounted.
}

return 0;
