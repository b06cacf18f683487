using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging;

namespace FtpMount.Dokan.Adapter;

/// <summary>
/// Runs one callback's work on the core within its deadline (<see cref="CoreCall"/>) and turns the outcome into the
/// NTSTATUS the callback answers, logging every failure: one place for the adapter's error handling.
/// </summary>
internal sealed class AdapterCalls(ILogger logger, RemoteDokanOptions options)
{
    public NtStatus Execute(string operation, string path, Func<CancellationToken, Task<NtStatus>> action, TimeSpan? timeout = null) =>
        Execute(operation, path, action, static status => status, timeout ?? options.RequestTimeout, null);

    /// <param name="answer">Turns the result into the status, on the callback's thread (only a result answered here is in effect).</param>
    /// <param name="abandoned">Receives a result that arrived after the callback answered without it (see <see cref="CoreCall"/>).</param>
    public NtStatus Execute<T>(
        string operation, string path, Func<CancellationToken, Task<T>> action, Func<T, NtStatus> answer, TimeSpan timeout, Action<T>? abandoned)
    {
        try
        {
            var status = answer(CoreCall.Run(action, timeout, abandoned, CoreCall.Grace));
            if (status != NtStatus.Success && status != NtStatus.ObjectNameCollision)
            {
                DokanAdapterLog.OperationFailed(logger, operation, path, status, "refused");
            }

            return status;
        }
        catch (Exception e)
        {
            var status = NtStatusTable.From(e);
            DokanAdapterLog.OperationFailed(logger, operation, path, status, e.Message);
            return status;
        }
    }

    /// <summary>Cleanup and CloseFile cannot fail: a failure is logged (the core keeps unsaved data in its spool).</summary>
    public void Unreportable(string operation, RemotePath path, Func<CancellationToken, Task> action)
    {
        try
        {
            CoreCall.Run(async ct => await Done(action(ct)).ConfigureAwait(false), options.SaveTimeout);
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
}
