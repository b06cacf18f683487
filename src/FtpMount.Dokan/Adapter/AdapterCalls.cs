using FtpMount.Core.Bridging;
using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging;

namespace FtpMount.Dokan.Adapter;

/// <summary>
/// Runs one callback's work on the core within its deadline (<see cref="BlockingCall"/>) and turns the outcome into
/// the NTSTATUS the callback answers, logging every failure: one place for the adapter's error handling.
/// </summary>
/// <param name="bridge">Null: one whose deadline is the timeout after the start, as the driver's own deadline allows no more.</param>
internal sealed class AdapterCalls(ILogger logger, RemoteDokanOptions options, BlockingCall? bridge = null)
{
    private readonly BlockingCall _bridge = bridge ?? new BlockingCall();

    public NtStatus Execute(string operation, string path, Func<CancellationToken, Task<NtStatus>> action, TimeSpan? timeout = null) =>
        Execute(operation, path, action, static status => status, timeout ?? options.RequestTimeout, null);

    /// <param name="answer">Turns the result into the status, on the callback's thread (only a result answered here is in effect).</param>
    /// <param name="abandoned">Receives a result that arrived after the callback answered without it (see <see cref="BlockingCall"/>).</param>
    public NtStatus Execute<T>(
        string operation, string path, Func<CancellationToken, Task<T>> action, Func<T, NtStatus> answer, TimeSpan timeout, Action<T>? abandoned)
    {
        try
        {
            return Answered(operation, path, answer(_bridge.Run(action, timeout, abandoned)));
        }
        catch (Exception e)
        {
            return Failed(operation, path, e);
        }
    }

    /// <summary>Reads into <paramref name="destination"/> through the bridge's pooled buffer, within the request timeout.</summary>
    public NtStatus Read(
        string operation, string path, Span<byte> destination, Func<Memory<byte>, CancellationToken, Task<int>> read, out int bytesRead) =>
        Transfer(operation, path, destination, span => _bridge.Read(span, read, options.RequestTimeout), out bytesRead);

    /// <summary>Writes <paramref name="source"/> through the bridge's pooled copy, within the save timeout.</summary>
    public NtStatus Write(
        string operation, string path, ReadOnlySpan<byte> source, Func<ReadOnlyMemory<byte>, CancellationToken, Task<int>> write, out int bytesWritten) =>
        Transfer(operation, path, source, span => _bridge.Write(span, write, options.SaveTimeout), out bytesWritten);

    /// <summary>Cleanup and CloseFile cannot fail: a failure is logged (the core keeps unsaved data in its spool).</summary>
    public void Unreportable(string operation, RemotePath path, Func<CancellationToken, Task> action)
    {
        try
        {
            _bridge.Run(action, options.SaveTimeout);
        }
        catch (Exception e)
        {
            DokanAdapterLog.UnreportableFailure(logger, operation, path.Value, e.Message);
        }
    }

    public static async Task<NtStatus> Done(Task task)
    {
        await task.ConfigureAwait(false);
        return NtStatus.Success;
    }

    private NtStatus Answered(string operation, string path, NtStatus status)
    {
        if (status != NtStatus.Success && status != NtStatus.ObjectNameCollision)
        {
            DokanAdapterLog.OperationFailed(logger, operation, path, status, "refused");
        }

        return status;
    }

    /// <summary>A read or write: the span is passed on, not captured, as no lambda may hold it.</summary>
    private NtStatus Transfer<TSpan>(string operation, string path, TSpan span, Counted<TSpan> run, out int count)
        where TSpan : allows ref struct
    {
        count = 0;
        try
        {
            count = run(span);
            return NtStatus.Success;
        }
        catch (Exception e)
        {
            return Failed(operation, path, e);
        }
    }

    private NtStatus Failed(string operation, string path, Exception e)
    {
        var status = NtStatusTable.From(e);
        DokanAdapterLog.OperationFailed(logger, operation, path, status, e.Message);
        return status;
    }

    private delegate int Counted<TSpan>(TSpan span)
        where TSpan : allows ref struct;
}
