using System.Runtime.Versioning;

namespace FtpMount.Dokan.Native;

/// <summary>
/// Keeps a long request (an upload at Cleanup, a rename that saves first) within DOKAN_OPTIONS.Timeout: the driver
/// unmounts the whole volume when a request exceeds it, so DokanResetTimeout extends it at half-time until done.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class RequestKeepAlive : IDisposable
{
    private readonly Timer _timer;
    private readonly nint _info;
    private readonly uint _timeoutMilliseconds;

    private RequestKeepAlive(DOKAN_FILE_INFO* info, uint timeoutMilliseconds)
    {
        _info = (nint)info;
        _timeoutMilliseconds = timeoutMilliseconds;
        var period = TimeSpan.FromMilliseconds(Math.Max(500, timeoutMilliseconds / 2));
        _timer = new Timer(static state => ((RequestKeepAlive)state!).Extend(), this, period, period);
    }

    public static RequestKeepAlive Start(DokanHost host, DOKAN_FILE_INFO* info) =>
        new(info, (uint)host.Options.Timeout.TotalMilliseconds);

    /// <summary>Stops the timer and waits for a running extension: the DOKAN_FILE_INFO is only valid during the call.</summary>
    public void Dispose()
    {
        using var stopped = new ManualResetEvent(false);
        if (_timer.Dispose(stopped))
        {
            stopped.WaitOne();
        }
    }

    private void Extend()
    {
        try
        {
            Dokan2.DokanResetTimeout(_timeoutMilliseconds, (DOKAN_FILE_INFO*)_info);
        }
        catch
        {
            // A timer thread must not die of a failed extension; the request then simply keeps its deadline.
        }
    }
}
