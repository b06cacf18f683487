using System.Diagnostics;

namespace FtpMount.Testing;

/// <summary>
/// Keeps every core busy while a test runs, so it proves its point on a loaded machine too. Each busy loop is a
/// shell in its own session: with the kernel's autogroup scheduling (on by default) CPU time is shared between
/// sessions first, so loops inside the test's own session would barely slow a daemon that runs in another one.
/// Each loop also ends by itself once the test process is gone, so a crashed test leaves no load behind.
/// </summary>
public sealed class CpuLoad : IDisposable
{
    private readonly List<Process> _loops = [];

    private CpuLoad()
    {
    }

    /// <summary>Starts one busy loop per core (or <paramref name="loops"/>).</summary>
    public static CpuLoad Start(int? loops = null)
    {
        TestTier.RequireIntegration("loads every CPU core");
        var load = new CpuLoad();
        try
        {
            for (var i = 0; i < (loops ?? Environment.ProcessorCount); i++)
            {
                var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
                foreach (var arg in new[] { "sh", "-c", "parent=$PPID; while kill -0 \"$parent\" 2>/dev/null; do :; done" })
                {
                    start.ArgumentList.Add(arg);
                }

                load._loops.Add(Process.Start(start) ?? throw new InvalidOperationException("setsid could not be started."));
            }

            return load;
        }
        catch
        {
            load.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var loop in _loops)
        {
            try
            {
                loop.Kill();
                loop.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            loop.Dispose();
        }

        _loops.Clear();
    }
}
