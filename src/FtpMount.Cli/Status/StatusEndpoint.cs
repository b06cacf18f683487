using System.Net.Sockets;
using System.Text;

namespace FtpMount.Cli.Status;

/// <summary>
/// Serves <c>ftpmount status</c> from inside a running mount: a Unix socket in a folder only the user can enter
/// (<see cref="StatusSocket"/>); each connection gets the status document as one line of JSON, then the socket
/// closes. Nothing secret is in the report.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class StatusEndpoint : IAsyncDisposable
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<string> _report;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private StatusEndpoint(Socket listener, string path, Func<string> report)
    {
        _listener = listener;
        _path = path;
        _report = report;
        _loop = Task.Run(ServeAsync);
    }

    public string SocketPath => _path;

    /// <summary>Binds the socket; <paramref name="report"/> makes one JSON line per connection.</summary>
    public static StatusEndpoint Start(string socketPath, Func<string> report)
    {
        StatusSocket.PrepareDirectory(Path.GetDirectoryName(socketPath)!);
        File.Delete(socketPath);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(4);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new StatusEndpoint(listener, socketPath, report);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);

                // A client that connects and never reads must not hold up the next one.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                deadline.CancelAfter(SendTimeout);
                await client.SendAsync(Encoding.UTF8.GetBytes(_report() + "\n"), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that left early, or the mount stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        File.Delete(_path);
    }
}
