using FtpMount.Core;
using FtpMount.Dokan.Adapter;
using FtpMount.Ftp;
using FtpMount.Testing;
using FtpMount.Testing.Hostile;

namespace FtpMount.Dokan.Tests.Sequences;

/// <summary>
/// An FTP server (a real daemon, or the in-process <see cref="HostileFtpServer"/>), the core over it (built as the
/// ftpmount host builds it) and the Dokan adapter over the core: what dokan2.dll would call into on Windows.
/// Disposes all three, and the spool folder, even when a test fails.
/// </summary>
internal sealed class DokanSession : IAsyncDisposable
{
    private readonly string _spool;

    private DokanSession(ITestFtpServer server, RemoteFileSystem core, RemoteDokanFileSystem fileSystem, string spool)
    {
        Server = server;
        Core = core;
        FileSystem = fileSystem;
        _spool = spool;
    }

    public ITestFtpServer Server { get; }

    public RemoteFileSystem Core { get; }

    public RemoteDokanFileSystem FileSystem { get; }

    public static async Task<DokanSession> StartAsync(FtpServerKind kind, bool readOnly, Action<FtpTestServer>? arrange)
    {
        var server = await FtpTestServer.StartAsync(kind, ct: TestContext.Current.CancellationToken);
        return await OpenAsync(server, readOnly, () => arrange?.Invoke(server));
    }

    /// <summary>Over a fresh <see cref="HostileFtpServer"/>, which <paramref name="arrange"/> fills and scripts first.</summary>
    public static async Task<DokanSession> StartHostileAsync(Action<HostileFtpServer> arrange)
    {
        var server = HostileFtpServer.Start();
        return await OpenAsync(server, readOnly: false, () => arrange(server));
    }

    private static async Task<DokanSession> OpenAsync(ITestFtpServer server, bool readOnly, Action arrange)
    {
        var ct = TestContext.Current.CancellationToken;
        var spool = Directory.CreateTempSubdirectory("ftpmount-dokan-spool-").FullName;
        try
        {
            // The server's files are laid out before the core lists anything, so no cache can hide them.
            arrange();
            var client = new FtpClient(new FtpClientOptions
            {
                Host = server.Host,
                Port = server.Port,
                Credentials = new FtpCredentials(server.UserName, server.Password),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                ReplyTimeout = TimeSpan.FromSeconds(15),
                DataTimeout = TimeSpan.FromSeconds(20),
                PoolWaitTimeout = TimeSpan.FromSeconds(60),
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            });
            var core = await RemoteFileSystem.OpenAsync(
                client, null, new RemoteFileSystemOptions { SpoolDirectory = spool, ReadOnly = readOnly }, null, ct);
            var fileSystem = new RemoteDokanFileSystem(
                core, new RemoteDokanOptions { HostName = server.Host, RequestTimeout = TimeSpan.FromSeconds(30), SaveTimeout = TimeSpan.FromSeconds(60) });
            return new DokanSession(server, core, fileSystem, spool);
        }
        catch
        {
            await server.DisposeAsync();
            Directory.Delete(spool, true);
            throw;
        }
    }

    /// <summary>Where a Windows path of the volume lives on the server's disk.</summary>
    public string LocalPathOf(string windowsPath) =>
        Path.Combine(Server.RootDirectory, windowsPath.TrimStart('\\').Replace('\\', '/'));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Core.DisposeAsync();
        }
        finally
        {
            await Server.DisposeAsync();
            Directory.Delete(_spool, true);
        }
    }
}
