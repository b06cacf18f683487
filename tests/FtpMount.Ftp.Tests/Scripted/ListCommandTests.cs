using FtpMount.Ftp.Listing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Scripted;

/// <summary>Which commands a LIST-only server sees for a listing: the path in LIST where safe, CWD first otherwise.</summary>
public class ListCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string OneFile = "-rw-r--r--    1 1000     1000            5 Jan 01 12:00 f.txt\r\n";

    private static ScriptedFtpServer LsServer(string listReply = "") => new(async (command, s) =>
    {
        if (ScriptedFtpServer.LoginReply(command) is { } login)
        {
            return login;
        }

        return command.Split(' ')[0] switch
        {
            "EPSV" => $"229 Entering Extended Passive Mode (|||{s.OpenDataListener()}|)\r\n",
            "CWD" => "250 ok\r\n",
            "LIST" => await s.SendDataAsync(System.Text.Encoding.ASCII.GetBytes(listReply.Length > 0 ? listReply : OneFile)) + "\r\n",
            _ => "502 not scripted\r\n",
        };
    });

    private static Task<FtpSession> ConnectAsync(ScriptedFtpServer server) => FtpSession.ConnectAsync(
        new FtpClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Credentials = new FtpCredentials("u", "p"),
            ReplyTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            DataTimeout = TimeSpan.FromSeconds(5),
        },
        NullLogger.Instance,
        Ct);

    // The server records a command before it replies, so after the awaited call every command is in the list.
    private static List<string> After(ScriptedFtpServer server, int start) =>
        server.Commands.Skip(start).Where(c => c.Split(' ')[0] is "CWD" or "LIST").ToList();

    [Fact(Timeout = 30_000)]
    public async Task Plain_path_is_named_in_LIST_without_CWD()
    {
        await using var server = LsServer();
        await using var session = await ConnectAsync(server);
        var start = server.Commands.Count;
        var listing = await session.ListAsync("/tree/d0001", Ct);
        Assert.Equal("f.txt", Assert.Single(listing.Entries).Name);
        Assert.Equal(["LIST -a /tree/d0001"], After(server, start));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("/with space")]
    [InlineData("/-rf")]
    [InlineData("/a/-l")]
    [InlineData("/glob*")]
    [InlineData("/q?")]
    [InlineData("/[ab]")]
    [InlineData("/~user")]
    public async Task Path_LIST_would_misread_is_listed_after_CWD(string path)
    {
        await using var server = LsServer();
        await using var session = await ConnectAsync(server);
        var start = server.Commands.Count;
        await session.ListAsync(path, Ct);
        Assert.Equal([$"CWD {path}", "LIST -a"], After(server, start));
    }

    [Fact(Timeout = 30_000)]
    public async Task Empty_listing_by_path_is_confirmed_with_CWD()
    {
        await using var server = LsServer("total 0\r\n");
        await using var session = await ConnectAsync(server);
        var start = server.Commands.Count;
        var listing = await session.ListAsync("/empty", Ct);
        Assert.Empty(listing.Entries);
        Assert.Equal(["LIST -a /empty", "CWD /empty"], After(server, start));
    }

    [Fact]
    public void Only_absolute_paths_without_blanks_globs_or_options_pass()
    {
        Assert.True(ListPathArgument.CanPass("/"));
        Assert.True(ListPathArgument.CanPass("/home/u/tree-50x10/d0001"));
        Assert.True(ListPathArgument.CanPass("/a.b/c_d/e-f/ünï"));
        Assert.False(ListPathArgument.CanPass("relative"));
        Assert.False(ListPathArgument.CanPass("/a\tb"));
        Assert.False(ListPathArgument.CanPass("/a/{x,y}"));
        Assert.False(ListPathArgument.CanPass("/a\\b"));
    }
}
