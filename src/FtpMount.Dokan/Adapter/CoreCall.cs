namespace FtpMount.Dokan.Adapter;

/// <summary>
/// Dokan's callbacks are synchronous and come on its own worker threads; each one blocks its thread on the core's
/// async operation, cancelled at a deadline so no request can hang (Dokan unmounts the volume when one does).
/// </summary>
internal static class CoreCall
{
    public static T Run<T>(Func<CancellationToken, Task<T>> action, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return Task.Run(() => action(deadline.Token), deadline.Token)
            .WaitAsync(timeout + TimeSpan.FromSeconds(5))
            .GetAwaiter()
            .GetResult();
    }
}
