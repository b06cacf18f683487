using System.Net;
using FtpMount.Bench.Mounts;
using FtpMount.Bench.Results;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Bench.Ssh;

/// <summary>
/// The sshfs column of the run: the private sshd for the whole run, and for a network with latency a plain TCP
/// relay in front of it with the same one-way delay as the FTP proxy (FtpProxy with passive-reply rewriting off
/// is exactly that: every chunk held back by the delay each way, nothing parsed). If sshd cannot start, the run
/// goes on without sshfs and the report lists why.
/// </summary>
internal sealed class SshfsAnchor : IAsyncDisposable
{
    private readonly SshServer? _server;
    private readonly string _remoteDirectory;
    private FtpProxy.FtpProxy? _relay;

    private SshfsAnchor(SshServer? server, string remoteDirectory)
    {
        _server = server;
        _remoteDirectory = remoteDirectory;
    }

    public static async Task<SshfsAnchor> StartAsync(
        string workDirectory, FtpTestServer ftpServer, ResultsRecorder recorder, CancellationToken cancellationToken)
    {
        try
        {
            var server = await SshServer.StartAsync(
                Path.Combine(workDirectory, "ssh"), ftpServer.UserName, Path.Combine(workDirectory, "sshd.pid"), cancellationToken)
                .ConfigureAwait(false);
            return new SshfsAnchor(server, ftpServer.RootDirectory);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or UnauthorizedAccessException
                                      or Processes.CommandFailedException or System.ComponentModel.Win32Exception)
        {
            recorder.Fail("all", "setup", "sshfs", 0, $"the private sshd did not start, so sshfs is not measured: {e.Message}");
            return new SshfsAnchor(null, ftpServer.RootDirectory);
        }
    }

    /// <summary>The sshfs tool for <paramref name="network"/> (null without sshd); starts the delay relay it needs.</summary>
    public async Task<MountTool?> ToolForAsync(NetworkProfile network)
    {
        await EndNetworkAsync().ConfigureAwait(false);
        if (_server is null)
        {
            return null;
        }

        var port = _server.Port;
        if (network.UsesProxy)
        {
            _relay = FtpProxy.FtpProxy.Start(
                new IPEndPoint(IPAddress.Loopback, _server.Port),
                new FtpProxyOptions { OneWayDelay = network.OneWayDelay, RewritePassiveReplies = false });
            port = _relay.Port;
        }

        BenchRun.Log($"  sshfs via {SshServer.Host}:{port} (sshd on {_server.Port})");
        return new SshfsTool(_server, port, _remoteDirectory);
    }

    /// <summary>Stops the delay relay of the network just run, if any.</summary>
    public async Task EndNetworkAsync()
    {
        if (_relay is not null)
        {
            await _relay.DisposeAsync().ConfigureAwait(false);
            _relay = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await EndNetworkAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
