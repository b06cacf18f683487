using FtpMount.Core.Paths;
using FtpMount.Ftp;
using FtpMount.Testing;
using FtpMount.Testing.Hostile;

namespace FtpMount.Core.Tests.Integration;

/// <summary>
/// A server (a real daemon, or the in-process <see cref="HostileFtpServer"/>) and a RemoteFileSystem over it with a
/// private spool folder; all closed at the end.
/// </summary>
internal sealed class CoreOverServer : IAsyncDisposable
{
    private CoreOverServer(ITestFtpServer server, string spool)
    {
        Endpoint = server;
        SpoolDirectory = spool;
    }

    public ITestFtpServer Endpoint { get; }

    /// <summary>The real daemon; only for <see cref="StartAsync"/>.</summary>
    public FtpTestServer Server => Endpoint as FtpTestServer ?? throw new InvalidOperationException("This core runs over a HostileFtpServer; use Hostile.");

    /// <summary>The scriptable in-process server; only for <see cref="StartHostileAsync"/>.</summary>
    public HostileFtpServer Hostile => Endpoint as HostileFtpServer ?? throw new InvalidOperationException("This core runs over a real daemon; use Server.");

    public string SpoolDirectory { get; }

    public RemoteFileSystem? Core { get; private set; }

    /// <summary>The FTP client under <see cref="Core"/> (which owns it), for what the pool shows: connections open, idle, limit.</summary>
    public FtpClient Ftp => _ftp ?? throw new InvalidOperationException("No core is open.");

    private FtpClient? _ftp;

    public static async Task<CoreOverServer> StartAsync(FtpServerKind kind)
    {
        var server = await FtpTestServer.StartAsync(kind, null, TestContext.Current.CancellationToken);
        return await OpenOverAsync(server);
    }

    /// <summary>Over a fresh <see cref="HostileFtpServer"/>, which <paramref name="seed"/> fills and scripts before the core connects.</summary>
    public static async Task<CoreOverServer> StartHostileAsync(Action<HostileFtpServer>? seed = null, HostileFtpServerOptions? options = null)
    {
        var server = HostileFtpServer.Start(options);
        try
        {
            seed?.Invoke(server);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return await OpenOverAsync(server);
    }

    private static async Task<CoreOverServer> OpenOverAsync(ITestFtpServer server)
    {
        var spool = Directory.CreateTempSubdirectory("ftpmount-core-test-").FullName;
        var started = new CoreOverServer(server, spool);
        try
        {
            await started.OpenCoreAsync();
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public FtpClientOptions ClientOptions(int? port = null) => new()
    {
        Host = Endpoint.Host,
        Port = port ?? Endpoint.Port,
        Credentials = new FtpCredentials(Endpoint.UserName, Endpoint.Password),
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
        _ftp = ftp;
        Core = await RemoteFileSystem.OpenAsync(
            ftp,
            null,
            (options ?? new RemoteFileSystemOptions()) with { SpoolDirectory = SpoolDirectory },
            null,
            TestContext.Current.CancellationToken);
        return Core;
    }

    /// <summary>
    /// Another core on the same server, rooted at <paramref name="folder"/> below the login directory (null: the login
    /// directory itself), with its own spool folder setting; the caller disposes it.
    /// </summary>
    public async Task<RemoteFileSystem> OpenOtherCoreAsync(string? folder, string spoolDirectory)
    {
        var client = new FtpClient(ClientOptions());
        try
        {
            string? root = null;
            if (folder is not null)
            {
                var home = await client.GetWorkingDirectoryAsync(TestContext.Current.CancellationToken);
                root = home.TrimEnd('/') + "/" + folder;
            }

            return await RemoteFileSystem.OpenAsync(
                client, root, new RemoteFileSystemOptions { SpoolDirectory = spoolDirectory }, null, TestContext.Current.CancellationToken);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public static RemotePath P(string path) => RemotePath.Parse(path);

    /// <summary>How long background work (a queued retry, a replay) may take before a test waiting for it fails.</summary>
    public static readonly TimeSpan BackgroundWorkDeadline = TimeSpan.FromSeconds(60);

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
            await Endpoint.DisposeAsync();
            Directory.Delete(SpoolDirectory, recursive: true);
        }
    }
}
