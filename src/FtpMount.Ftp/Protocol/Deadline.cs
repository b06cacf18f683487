using System.Net.Sockets;
using FtpMount.Ftp.Errors;

namespace FtpMount.Ftp.Protocol;

/// <summary>Runs one network wait with a deadline and turns socket failures into the FTP layer's typed exceptions.</summary>
internal static class Deadline
{
    public static async ValueTask<T> RunAsync<T, TState>(
        Func<TState, CancellationToken, ValueTask<T>> operation,
        TState state,
        TimeSpan timeout,
        string waitingFor,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await operation(state, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FtpTimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {waitingFor}.");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw Lost(waitingFor, e);
        }
    }

    public static FtpConnectionLostException Lost(string waitingFor, Exception e)
    {
        var socketError = e as SocketException ?? e.InnerException as SocketException;
        var reason = socketError is not null ? socketError.SocketErrorCode.ToString() : e.Message;
        return new FtpConnectionLostException($"Connection lost while waiting for {waitingFor}: {reason}.", e);
    }
}
