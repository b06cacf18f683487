using System.Diagnostics;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>True once <paramref name="condition"/> held; false when <paramref name="deadline"/> passed first.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan deadline, CancellationToken? cancel = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (clock.Elapsed >= deadline)
            {
                return false;
            }

            await Task.Delay(Interval, cancel ?? TestContext.Current.CancellationToken);
        }
    }

    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan deadline, CancellationToken? cancel = null) =>
        HoldsAsync(() => Task.FromResult(condition()), deadline, cancel);
}
