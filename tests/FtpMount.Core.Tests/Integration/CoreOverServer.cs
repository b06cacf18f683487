using FtpMount.Core.Paths;
using FtpMount.Ftp;
using FtpMount.Testing;

namespace FtpMount.Core.Tests.Integration;

/// <summary>A real server and a RemoteFileSystem over it with a private spool folder; all closed at the end.</summary>
internal sealed class CoreOverServer : IAsyncDisposable
{
    private CoreOverServer(FtpTestServer server, string spool)
    {
        Server = server;
        SpoolDirectory = spool;
    }

    public FtpTestServer Server { get; }

    public string SpoolDirectory { get; }

    public RemoteFileSystem? Core { get; private set; }

    public static async Task<CoreOverServer> StartAsync(FtpServerKind kind)
    {
        var server = await FtpTestServer.StartAsync(kind, null, TestContext.Current.CancellationToken);
        var spool = Directory.CreateTempSubdirectory("ftpmount-core-test-").FullName;
        var started = new CoreOverServer(server, spool);
        await started.OpenCoreAsync();
        return started;
    }

    public FtpClientOptions ClientOptions(int? port = null) => new()
    {
        Host = Server.Host,
        Port = port ?? Server.Port,
        Credentials = new FtpCredentials(Server.UserName, Server.Password),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ReplyTimeout = TimeSpan.FromSeconds(10),
        DataTimeout = TimeSpan.FromSeconds(10),
        RetryCount = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        PoolWaitTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Opens a (new) core on the same server and spool, as a new run of the same mount would.</summary>
    public async Task<RemoteFileSystem> OpenCoreAsync(
        int? port = null,
        RemoteFileSystemOptions? options = null,
        Microsoft.Extensions.Logging.ILogger? ftpLogger = null,
        Func<FtpClientOptions, FtpClientOptions>? client = null)
    {
        if (Core is not null)
        {
            await Core.DisposeAsync();
        }

        var clientOptions = ClientOptions(port);
        var ftp = new FtpClient(client is null ? clientOptions : client(clientOptions), ftpLogger);
        Core = await RemoteFileSystem.OpenAsync(
            ftp,
            null,
            (options ?? new RemoteFileSystemOptions()) with { SpoolDirectory = SpoolDirectory },
            null,
            TestContext.Current.CancellationToken);
        return Core;
    }

    public static RemotePath P(string path) => RemotePath.Parse(path);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Core is not null)
            {
                await Core.DisposeAsync();
            }
        }
        finally
        {
            await Server.DisposeAsync();
            Directory.Delete(SpoolDirectory, recursive: true);
        }
    }
}
