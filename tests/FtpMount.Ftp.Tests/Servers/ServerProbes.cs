using System.Net.Sockets;
using FtpMount.Testing;
using FtpMount.Testing.Processes;

namespace FtpMount.Ftp.Tests.Servers;

/// <summary>Observations the fixture tests make from outside a server.</summary>
internal static class ServerProbes
{
    public static async Task<bool> AcceptsConnectionsAsync(FtpTestServer server, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(server.Host, server.Port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Live (not zombie) processes among <paramref name="processIds"/>.</summary>
    public static int[] StillAlive(IEnumerable<int> processIds)
    {
        ProcessTable table = ProcessTable.Capture();
        return [.. processIds.Where(table.IsAlive)];
    }

    /// <summary>Live processes working in, or chrooted into, the folder (a server's root's parent).</summary>
    public static int[] ProcessesUsing(string directory)
    {
        ProcessTable table = ProcessTable.Capture();
        return [.. table.ProcessIds.Where(pid => table.IsAlive(pid) && ProcessTable.UsesDirectory(pid, directory))];
    }
}
