using System.Net;
using System.Net.Sockets;

namespace FtpMount.FtpProxy.Tests.Upstream;

/// <summary>A tiny TCP server on 127.0.0.1 that runs a handler per accepted connection, standing in for the upstream.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Func<Socket, CancellationToken, Task> _handle;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _handlers = [];
    private readonly Task _acceptLoop;

    public LoopbackServer(Func<Socket, CancellationToken, Task> handle)
    {
        _handle = handle;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Faults a handler saw (resets, for instance), for tests that check the upstream side.</summary>
    public List<Exception> HandlerErrors { get; } = [];

    /// <summary>Sends every byte back as soon as it arrives.</summary>
    public static LoopbackServer Echo() => new(async (socket, ct) =>
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, ct)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, read), ct);
        }
    });

    /// <summary>Sends <paramref name="payload"/> to each client, then closes (FIN).</summary>
    public static LoopbackServer Source(byte[] payload) => new(async (socket, ct) =>
    {
        await socket.SendAsync(payload, ct);
        socket.Shutdown(SocketShutdown.Send);
        // Wait for the client's close so the FIN reaches it before our socket is disposed.
        await socket.ReceiveAsync(new byte[1], ct);
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        Task[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        await Task.WhenAll(handlers);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            lock (_handlers)
            {
                _handlers.Add(Task.Run(() => HandleAsync(socket)));
            }
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await _handle(socket, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                lock (HandlerErrors)
                {
                    HandlerErrors.Add(e);
                }
            }
        }
    }
}
