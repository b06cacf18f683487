namespace FtpMount.Cli.Service;

/// <summary>
/// How long a supervised mount waits before trying again: doubling from <see cref="Initial"/> up to
/// <see cref="Maximum"/>, back to the start once a mount was ready (a server reboot should not leave a long wait behind).
/// </summary>
internal sealed record RestartBackoff
{
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Maximum { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after <paramref name="failures"/> failures in a row (1 for the first).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var delay = Initial;
        for (var i = 1; i < failures && delay < Maximum; i++)
        {
            delay *= 2;
        }

        return delay < Maximum ? delay : Maximum;
    }
}
