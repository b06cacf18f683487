using FtpMount.Dokan.Native;

namespace FtpMount.Dokan.Tests.Hosting;

/// <summary>
/// The keep-alive schedule <see cref="DokanMountOptions"/> derives, run against the driver's deadline rules in
/// virtual time: DokanEventStart (sys/event.c) keeps DOKAN_OPTIONS.Timeout within 15 s..5 min, and each
/// DokanResetTimeout makes the deadline now + min(timeout, 5 min) (DokanResetPendingIrpTimeout, sys/timeout.c).
/// </summary>
public sealed class KeepAliveScheduleTests
{
    public static TheoryData<int> TimeoutsInSeconds => new(15, 16, 60, 180, 299, 300);

    [Theory]
    [MemberData(nameof(TimeoutsInSeconds))]
    public void A_request_of_two_hours_survives_when_every_other_reset_is_lost_and_all_are_late(int seconds)
    {
        var options = new DokanMountOptions { MountPoint = "Z:", Timeout = TimeSpan.FromSeconds(seconds) }.Validate();

        // Late by a whole driver check interval: a thread scheduled late, a slow DeviceIoControl.
        var late = TimeSpan.FromMilliseconds(DokanLimits.DOKAN_CHECK_INTERVAL);
        var expired = FirstExpiry(options, TimeSpan.FromHours(2), lost: k => k % 2 == 1, late);

        Assert.True(expired is null, $"Timeout {options.Timeout}, resets every {options.KeepAliveInterval}: the driver fails the request at {expired}");
    }

    [Theory]
    [MemberData(nameof(TimeoutsInSeconds))]
    public void Each_reset_buys_the_whole_deadline_the_driver_keeps(int seconds)
    {
        var options = new DokanMountOptions { MountPoint = "Z:", Timeout = TimeSpan.FromSeconds(seconds) }.Validate();

        // Never cut by the driver, so a reset is worth what the schedule counts on.
        Assert.True(options.TimeoutMilliseconds <= DokanLimits.DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX);
        Assert.True(options.TimeoutMilliseconds >= DokanLimits.DOKAN_IRP_PENDING_TIMEOUT);
        Assert.True(options.KeepAliveInterval * 3 <= options.Timeout);
        Assert.True(options.KeepAliveInterval >= TimeSpan.FromMilliseconds(DokanLimits.DOKAN_CHECK_INTERVAL));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(14_999)]
    [InlineData(300_001)]
    [InlineData(20 * 60_000)]
    public void A_timeout_the_driver_would_clamp_is_refused_naming_the_range(int milliseconds)
    {
        var options = new DokanMountOptions { MountPoint = "Z:", Timeout = TimeSpan.FromMilliseconds(milliseconds) };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate());
        Assert.Contains("DokanMountOptions.Timeout must be between 15 s and 5 min", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// When the driver would fail a request that runs <paramref name="duration"/> from its arrival, or null. Resets
    /// come every interval after the start (reset k at k·interval + late), lost when <paramref name="lost"/> says so.
    /// Conservative: any moment past the deadline before the next reset counts, whatever the 5 s check phase.
    /// </summary>
    private static TimeSpan? FirstExpiry(DokanMountOptions options, TimeSpan duration, Func<int, bool> lost, TimeSpan late)
    {
        var cap = TimeSpan.FromMilliseconds(DokanLimits.DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX);
        var floor = TimeSpan.FromMilliseconds(DokanLimits.DOKAN_IRP_PENDING_TIMEOUT);
        var started = options.Timeout < floor ? floor : options.Timeout > cap ? cap : options.Timeout;
        var deadline = started;
        var reset = TimeSpan.FromMilliseconds(Math.Min(options.TimeoutMilliseconds, DokanLimits.DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX));
        for (var k = 1; ; k++)
        {
            var at = (options.KeepAliveInterval * k) + late;
            if (deadline < duration && deadline < at)
            {
                return deadline;
            }

            if (at >= duration)
            {
                return null;
            }

            if (!lost(k))
            {
                deadline = at + reset;
            }
        }
    }
}
