namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Runs a mount's disposal once, off the test's token, however many callers ask at once (the test itself, and the
/// class fixture that ends what a timed-out test abandoned): every caller waits for that one run.
/// </summary>
internal sealed class OnceOnlyDisposal(Func<Task> dispose)
{
    private readonly Lock _lock = new();
    private Task? _run;

    public Task RunAsync()
    {
        lock (_lock)
        {
            return _run ??= Task.Run(dispose, CancellationToken.None);
        }
    }
}
