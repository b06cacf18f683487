using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using FtpMount.Bench;

// FUSE mounts, /proc and the FTP test servers: Linux only.
[assembly: SupportedOSPlatform("linux")]

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine("FtpMount.Bench: " + e.Message);
    return 2;
}

// SIGINT/SIGTERM cancel the run so that the finally blocks unmount everything and stop the server.
using var cancel = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    Console.Error.WriteLine($"FtpMount.Bench: {signal.Signal}, stopping and cleaning up");
    cancel.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    return await BenchRun.RunAsync(settings, cancel.Token).ConfigureAwait(false);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("FtpMount.Bench: cancelled; no results written");
    return 130;
}
