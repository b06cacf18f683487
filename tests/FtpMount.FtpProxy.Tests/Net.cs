using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FtpMount.FtpProxy.Tests;

/// <summary>Client-side socket steps the tests share.</summary>
internal static class Net
{
    public static async Task<Socket> ConnectAsync(IPEndPoint endPoint, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>One byte out, one byte back, timed. The byte is no digit, so the reply rewriter never holds it.</summary>
    public static async Task<TimeSpan> PingAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[1];
        var start = Stopwatch.GetTimestamp();
        await socket.SendAsync("p"u8.ToArray(), ct);
        var read = await socket.ReceiveAsync(buffer, ct);
        var elapsed = Stopwatch.GetElapsedTime(start);
        Assert.Equal(1, read);
        Assert.Equal((byte)'p', buffer[0]);
        return elapsed;
    }

    public static async Task<TimeSpan> MedianPingAsync(Socket socket, int count, CancellationToken ct)
    {
        var samples = new TimeSpan[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = await PingAsync(socket, ct);
        }

        Array.Sort(samples);
        return samples[count / 2];
    }

    /// <summary>Reads until end of stream or a reset; returns the byte count and the error, if any.</summary>
    public static async Task<(long Bytes, Exception? Error)> DrainAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, ct)) > 0)
            {
                total += read;
            }

            return (total, null);
        }
        catch (SocketException e)
        {
            return (total, e);
        }
    }

    /// <summary>True when nothing listens on the port any more.</summary>
    public static async Task<bool> IsRefusedAsync(int port, CancellationToken ct)
    {
        try
        {
            using var socket = await ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
    }

    /// <summary>How long the proxy gets to act on a fault or a disposal before a test fails.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
}
