namespace FtpMount.Testing.Hostile.Session;

/// <summary>Every wait of the server has a deadline: a client that stops reading or writing cannot hold a session forever.</summary>
internal static class IoDeadline
{
    public static async ValueTask<T> RunAsync<T>(
        Func<CancellationToken, ValueTask<T>> operation, TimeSpan limit, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await operation(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} took longer than {limit.TotalSeconds:0.#} s.");
        }
    }

    public static ValueTask RunAsync(
        Func<CancellationToken, ValueTask> operation, TimeSpan limit, string what, CancellationToken cancellationToken) =>
        new(RunAsync(
            async ct =>
            {
                await operation(ct).ConfigureAwait(false);
                return true;
            },
            limit,
            what,
            cancellationToken).AsTask());
}
