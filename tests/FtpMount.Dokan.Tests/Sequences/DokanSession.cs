using FtpMount.Core;
using FtpMount.Dokan.Adapter;
using FtpMount.Ftp;
using FtpMount.Testing;

namespace FtpMount.Dokan.Tests.Sequences;

/// <summary>
/// A real FTP server, the core over it (built as the ftpmount host builds it) and the Dokan adapter over the core:
/// what dokan2.dll would call into on Windows. Disposes all three, and the spool folder, even when a test fails.
/// </summary>
internal sealed class DokanSession : IAsyncDisposable
{
    private readonly string _spool;

    private DokanSession(FtpTestServer server, RemoteFileSystem core, RemoteDokanFileSystem fileSystem, string spool)
    {
        Server = server;
        Core = core;
        FileSystem = fileSystem;
        _spool = spool;
    }

    public FtpTestServer Server { get; }

    public RemoteFileSystem Core { get; }

    public RemoteDokanFileSystem FileSystem { get; }

    public static async Task<DokanSession> StartAsync(FtpServerKind kind, bool readOnly, Action<FtpTestServer>? arrange)
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await FtpTestServer.StartAsync(kind, ct: ct);
        var spool = Directory.CreateTempSubdirectory("ftpmount-dokan-spool-").FullName;
        try
        {
            // The server's files are laid out before the core lists anything, so no cache can hide them.
            arrange?.Invoke(server);
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
