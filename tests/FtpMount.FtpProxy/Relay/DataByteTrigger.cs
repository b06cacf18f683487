namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// One <see cref="FtpProxy.AfterDataBytes"/> call: fires once, on the first data connection to pass its byte count.
/// A class, not a record: each call is a new trigger by identity, so a connection counts from its own baseline.
/// </summary>
internal sealed class DataByteTrigger(long bytes, Action? action)
{
    private readonly TaskCompletionSource _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;

    public long Bytes { get; } = bytes;

    /// <summary>Completes once the action ran; faulted when it threw, cancelled when the proxy ended first.</summary>
    public Task Fired => _fired.Task;

    /// <summary>Runs the action and completes <see cref="Fired"/>; only the first caller does anything.</summary>
    public void Fire()
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 1)
        {
            return;
        }

        try
        {
            action?.Invoke();
            _fired.TrySetResult();
        }
        catch (Exception e)
        {
            // The action is the test's; its failure belongs to whoever awaits the trigger, not to the relay.
            _fired.TrySetException(e);
        }
    }

    public void Cancel()
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 0)
        {
            _fired.TrySetCanceled();
        }
    }
}
