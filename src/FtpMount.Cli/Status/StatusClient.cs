using System.Net.Sockets;
using System.Text;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Mounting;

namespace FtpMount.Cli.Status;

/// <summary><c>ftpmount status [MOUNTPOINT]</c>: asks one mount, or every ftpmount mount of this user, for its report.</summary>
internal sealed class StatusClient(TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(string? mountPoint)
    {
        var mountPoints = mountPoint is not null ? [mountPoint] : FtpmountMounts();
        if (mountPoints.Count == 0)
        {
            await output.WriteLineAsync("No ftpmount mounts.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var failed = false;
        foreach (var point in mountPoints)
        {
            var socketPath = StatusSocket.PathFor(point, Environment.GetEnvironmentVariable);
            try
            {
                using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token).ConfigureAwait(false);
                using var stream = new NetworkStream(socket);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                await output.WriteAsync(await reader.ReadToEndAsync(deadline.Token).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                failed = true;
                await error.WriteLineAsync($"ftpmount: {point}: no status (is it an ftpmount mount of this user?): {e.Message}").ConfigureAwait(false);
            }
        }

        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static List<string> FtpmountMounts()
    {
        var points = new List<string>();
        foreach (var entry in MountTable.Read())
        {
            if (entry.FileSystemType == "fuse.ftpmount")
            {
                points.Add(entry.MountPoint);
            }
        }

        return points;
    }
}
