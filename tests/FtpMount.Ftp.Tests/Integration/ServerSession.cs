using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>A started test server and one logged-in session, both closed at the end of the test even when it fails.</summary>
internal sealed class ServerSession : IAsyncDisposable
{
    private ServerSession(FtpTestServer server, FtpSession session, string home)
    {
        Server = server;
        Session = session;
        Home = home;
    }

    public FtpTestServer Server { get; }

    public FtpSession Session { get; }

    /// <summary>The login directory as the server names it; every test path lives below it.</summary>
    public string Home { get; }

    public string PathOf(string name) => FtpPaths.Combine(Home, name);

    public string LocalPathOf(string name) => Path.Combine(Server.RootDirectory, name);

    public static async Task<ServerSession> StartAsync(FtpServerKind kind, FtpServerOptions? options = null)
    {
        var server = await FtpTestServer.StartAsync(kind, options, TestContext.Current.CancellationToken);
        try
        {
            var session = await TestClients.ConnectAsync(server);
            var home = await session.GetWorkingDirectoryAsync(TestContext.Current.CancellationToken);
            return new ServerSession(server, session, home);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Session.DisposeAsync();
        }
        finally
        {
            await Server.DisposeAsync();
        }
    }
}
