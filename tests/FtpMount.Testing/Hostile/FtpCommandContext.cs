using System.Text;
using FtpMount.Testing.Hostile.Session;

namespace FtpMount.Testing.Hostile;

/// <summary>One command being handled: what the client sent, how its transfer and listing behave, and how to reply.</summary>
public sealed class FtpCommandContext
{
    private readonly ControlSession _session;

    internal FtpCommandContext(ControlSession session, ReceivedCommand command, string rawArgument, CancellationToken cancellationToken)
    {
        _session = session;
        Command = command;
        RawArgument = rawArgument;
        CancellationToken = cancellationToken;
    }

    public ReceivedCommand Command { get; }

    /// <summary>The command word, upper-cased ("RETR").</summary>
    public string Verb => Command.Verb;

    /// <summary>Everything after the first space, verbatim (PASS's is masked).</summary>
    public string Argument => Command.Argument;

    /// <summary>The absolute server path the command names ("/dir/f"), for commands that name one; else null.</summary>
    public string? Path => Command.Path;

    /// <summary>Which control connection sent the command.</summary>
    public int Session => Command.Session;

    public HostileFtpServer Server => _session.Server;

    /// <summary>How this command's data connection behaves (RETR, STOR, APPE, MLSD, LIST, NLST).</summary>
    public TransferScript Transfer { get; } = new();

    /// <summary>What this command lists (MLSD, MLST, LIST, NLST).</summary>
    public ListingScript Listing { get; } = new();

    /// <summary>Ends with the server's shutdown or the session's end.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The REST offset the next RETR/STOR starts at (the normal handling of that command takes it).</summary>
    public long RestartOffset => _session.RestartOffset;

    /// <summary>Replies sent for this command so far.</summary>
    public int RepliesSent { get; private set; }

    internal ControlSession SessionState => _session;

    /// <summary>The argument as received, PASS's included.</summary>
    internal string RawArgument { get; }

    /// <summary>Sends one reply; CRLF is added unless <paramref name="reply"/> ends with it (put CRLFs inside for a multi-line reply).</summary>
    public ValueTask ReplyAsync(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return ReplyBytesAsync(Encoding.UTF8.GetBytes(reply.EndsWith("\r\n", StringComparison.Ordinal) ? reply : reply + "\r\n"));
    }

    public ValueTask ReplyAsync(int code, string text) =>
        ReplyAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{code} {text}"));

    /// <summary>Sends bytes on the control connection verbatim: no CRLF is added, nothing is checked.</summary>
    public async ValueTask ReplyBytesAsync(ReadOnlyMemory<byte> bytes)
    {
        await _session.SendAsync(bytes, CancellationToken).ConfigureAwait(false);
        RepliesSent++;
    }

    /// <summary>Closes the control connection once this command is handled: with a FIN, or a RST as a crashed server would.</summary>
    public void CloseConnection(DataConnectionEnd how = DataConnectionEnd.Close) => _session.RequestClose(how);
}
