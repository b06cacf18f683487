using System.Diagnostics;
using System.Text;
using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Scripted;

/// <summary>A server that lies, floods or stalls is refused with a clear error, within bounds of time and memory.</summary>
public class HostileServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string MlsdFeatures = "211-Features:\r\n MLST type*;size*;modify*;\r\n SIZE\r\n211 End\r\n";

    private static FtpClientOptions OptionsFor(ScriptedFtpServer server) => server.ClientOptions;

    private static Task<FtpSession> ConnectAsync(ScriptedFtpServer server, FtpClientOptions? options = null) =>
        FtpSession.ConnectAsync(options ?? OptionsFor(server), NullLogger.Instance, Ct);

    private static ScriptedFtpServer ListingServer(Func<ScriptedFtpServer, Task<string>> onMlsd) => new(async (command, s) =>
    {
        if (command == "FEAT")
        {
            return MlsdFeatures;
        }

        if (ScriptedFtpServer.LoginReply(command) is { } login)
        {
            return login;
        }

        return command.Split(' ')[0] switch
        {
            "EPSV" => $"229 Entering Extended Passive Mode (|||{s.OpenDataListener()}|)\r\n",
            "MLSD" => await onMlsd(s),
            _ => "502 not scripted\r\n",
        };
    });

    [Fact(Timeout = 30_000)]
    public async Task Endless_multi_line_reply_is_refused()
    {
        var flood = new StringBuilder("211-Features:\r\n");
        for (var i = 0; i < 20_000; i++)
        {
            flood.Append(" X-FEATURE-").Append(i).Append("\r\n");
        }

        await using var server = new ScriptedFtpServer((command, _) => Task.FromResult(
            command == "FEAT" ? flood.ToString() : ScriptedFtpServer.LoginReply(command) ?? "502 no\r\n"));
        var error = await Assert.ThrowsAsync<FtpProtocolException>(() => ConnectAsync(server));
        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("hello there\r\n")]
    [InlineData("2\r\n")]
    [InlineData("331password please\r\n")]
    public async Task Malformed_reply_to_login_is_a_protocol_error(string reply)
    {
        await using var server = new ScriptedFtpServer((command, _) => Task.FromResult(
            command.StartsWith("USER", StringComparison.Ordinal) ? reply : ScriptedFtpServer.LoginReply(command) ?? "502 no\r\n"));
        await Assert.ThrowsAsync<FtpProtocolException>(() => ConnectAsync(server));
    }

    [Fact(Timeout = 30_000)]
    public async Task Completion_reply_where_a_transfer_should_start_is_a_protocol_error()
    {
        await using var server = new ScriptedFtpServer((command, s) => Task.FromResult(
            ScriptedFtpServer.LoginReply(command) ?? command.Split(' ')[0] switch
            {
                "EPSV" => $"229 Entering Extended Passive Mode (|||{s.OpenDataListener()}|)\r\n",
                "RETR" => "200 here you go\r\n",
                _ => "502 no\r\n",
            }));
        await using var session = await ConnectAsync(server);
        var error = await Assert.ThrowsAsync<FtpProtocolException>(() => session.OpenReadAsync("/f", 0, Ct));
        Assert.Contains("unexpected reply 200", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Hostile_names_in_a_listing_are_refused_and_the_rest_is_kept()
    {
        byte[] payload =
        [
            .. "type=file;size=1; good.txt\r\n"u8,
            .. "type=file;size=1; /etc/passwd\r\n"u8,
            .. "type=file;size=1; ..\r\n"u8,
            .. "type=dir; a/b\r\n"u8,
            .. "type=file;size=1; back\\slash\r\n"u8,
            .. "type=file;size=1; cr\rinside\r\n"u8,
            .. "type=file;size=1; nul\0inside\r\n"u8,
            .. "type=file;size=1; bad"u8, 0xC3, 0x28, .. "utf8\r\n"u8,
        ];
        await using var server = ListingServer(s => s.SendDataAsync(payload).ContinueWith(t => t.Result + "\r\n", TaskScheduler.Default));
        await using var session = await ConnectAsync(server);
        var listing = await session.ListAsync("/", Ct);
        // A backslash is an ordinary character at this layer; the core hides it where the server is not Unix-like.
        Assert.Equal(["good.txt", "back\\slash"], listing.Entries.Select(e => e.Name));
        Assert.Equal(6, listing.Rejected.Count);
        Assert.All(listing.Rejected, r => Assert.DoesNotContain('\0', r.Excerpt));
    }

    [Fact(Timeout = 30_000)]
    public async Task Huge_listing_is_refused_at_the_size_bound()
    {
        var line = "type=file;size=1; "u8.ToArray().Concat(Encoding.ASCII.GetBytes(new string('n', 200))).Concat("\r\n"u8.ToArray()).ToArray();
        var payload = Enumerable.Repeat(line, 12_000).SelectMany(x => x).ToArray();
        await using var server = ListingServer(s => s.SendDataAsync(payload).ContinueWith(t => t.Result + "\r\n", TaskScheduler.Default));
        await using var session = await ConnectAsync(server, OptionsFor(server) with { MaxListingBytes = 1024 * 1024 });
        var error = await Assert.ThrowsAsync<FtpProtocolException>(() => session.ListAsync("/", Ct));
        Assert.Contains("more than 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Listing_that_never_ends_hits_the_listing_deadline()
    {
        await using var server = ListingServer(s => s.TrickleDataAsync("type=file;size=1; x\r\n"u8.ToArray(), TimeSpan.FromMilliseconds(100)));
        await using var session = await ConnectAsync(server, OptionsFor(server) with { ListingTimeout = TimeSpan.FromSeconds(2) });
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FtpTimeoutException>(() => session.ListAsync("/", Ct));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.Contains("did not finish", error.Message, StringComparison.Ordinal);
        Assert.True(session.IsBroken);
    }
}
