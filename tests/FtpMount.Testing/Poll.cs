using System.Runtime.CompilerServices;
using Xunit;

namespace FtpMount.Testing;

/// <summary>
/// Waits for a condition by polling it until it holds or a deadline passes: tests wait for what was decided
/// instead of sleeping a fixed time. The one wait-until helper every test project uses. Without a token, the
/// current test's cancels the wait.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>True once <paramref name="condition"/> held; false when <paramref name="deadline"/> passed first.</summary>
    public static async Task<bool> UntilAsync(
        Func<Task<bool>> condition, TimeSpan deadline, CancellationToken? cancel = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            if (TimeProvider.System.GetElapsedTime(started) >= deadline)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval, cancel ?? TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, CancellationToken?, TimeSpan?)"/>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan deadline, CancellationToken? cancel = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), deadline, cancel, interval);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws <paramref name="failure"/> when the deadline passes first.</summary>
    public static async Task UntilOrFailAsync(
        Func<bool> condition, TimeSpan deadline, string failure, CancellationToken? cancel = null, TimeSpan? interval = null)
    {
        if (!await UntilAsync(condition, deadline, cancel, interval).ConfigureAwait(false))
        {
            throw new TimeoutException(failure);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it answers; throws <paramref name="failure"/> when the deadline passes first.</summary>
    public static async Task<T> ForAsync<T>(
        Func<T?> probe, TimeSpan deadline, string failure, CancellationToken? cancel = null, TimeSpan? interval = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? found = null;
        return await UntilAsync(() => (found = probe()) is not null, deadline, cancel, interval).ConfigureAwait(false)
            ? found!
            : throw new TimeoutException(failure);
    }

    /// <inheritdoc cref="ForAsync{T}(Func{T}, TimeSpan, string, CancellationToken?, TimeSpan?)"/>
    public static async Task<T> ForValueAsync<T>(
        Func<T?> probe, TimeSpan deadline, string failure, CancellationToken? cancel = null, TimeSpan? interval = null)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        var found = await ForAsync(() => probe() is { } value ? new StrongBox<T>(value) : null, deadline, failure, cancel, interval)
            .ConfigureAwait(false);
        return found.Value;
    }
}
