namespace FtpMount.Dokan.Adapter;

/// <summary>
/// Dokan's callbacks are synchronous and come on its own worker threads; each one blocks its thread on the core's
/// async operation, cancelled at a deadline so no request can hang.
/// </summary>
internal static class CoreCall
{
    /// <summary>How long past its deadline a cancelled call is still waited for before the callback answers without it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static T Run<T>(Func<CancellationToken, Task<T>> action, TimeSpan timeout) => Run(action, timeout, null, Grace);

    /// <param name="abandoned">
    /// Receives the result of a call that completed after the callback stopped waiting (it ignored its cancellation
    /// past <paramref name="grace"/>). The callback has answered with a failure, so nobody else will release what
    /// the result holds, such as an open file.
    /// </param>
    public static T Run<T>(Func<CancellationToken, Task<T>> action, TimeSpan timeout, Action<T>? abandoned, TimeSpan grace)
    {
        using var deadline = new CancellationTokenSource(timeout);
        // The token is not Task.Run's: an operation not yet started when the deadline passes still runs, sees the
        // cancelled token and ends itself, so its result can always be handed to abandoned.
        // The token is taken now: on a starved thread pool the operation may start after Run returned and disposed
        // the source, and reading its Token then throws, so the result would never reach abandoned.
        var token = deadline.Token;
        var call = Task.Run(() => action(token), CancellationToken.None);
        try
        {
            return call.WaitAsync(timeout + grace).GetAwaiter().GetResult();
        }
        catch (TimeoutException) when (abandoned is not null)
        {
            // Registered after the wait gave up, so a call finishing at that very moment is handed over all the same.
            call.ContinueWith(
                static (finished, state) =>
                {
                    if (finished.IsCompletedSuccessfully)
                    {
                        ((Action<T>)state!)(finished.Result);
                    }
                },
                abandoned,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw;
        }
    }
}
