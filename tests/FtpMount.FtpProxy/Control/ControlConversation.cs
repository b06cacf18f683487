using System.Text;

namespace FtpMount.FtpProxy.Control;

/// <summary>
/// What one control connection said, as the proxy sees it: each command line the client sent (the proxy's command
/// log and counters), which command each final reply answers (RFC 959 §4.2: one final reply per command, in order;
/// 1xx replies are preliminary), and the client's flights: a flight is what the client sent after the server last
/// spoke, so the number of flights is the number of round trips the client waited for. Called from both relay tasks.
/// </summary>
internal sealed class ControlConversation(CommandLog log)
{
    private const int MaxLine = 8 * 1024;

    private readonly Lock _sync = new();
    private readonly Queue<string> _awaitingReply = new();
    private readonly StringBuilder _partial = new();
    private bool _serverSpoke = true;

    /// <summary>Bytes the client sent, passed on unchanged.</summary>
    public void ClientSent(ReadOnlySpan<byte> bytes)
    {
        lock (_sync)
        {
            if (_serverSpoke)
            {
                log.FlightStarted();
                _serverSpoke = false;
            }

            while (!bytes.IsEmpty)
            {
                var end = bytes.IndexOf((byte)'\n');
                var take = end < 0 ? bytes : bytes[..end];
                if (_partial.Length < MaxLine)
                {
                    _partial.Append(Encoding.Latin1.GetString(take[..Math.Min(take.Length, MaxLine - _partial.Length)]));
                }

                if (end < 0)
                {
                    return;
                }

                var line = _partial.ToString().TrimEnd('\r');
                _partial.Clear();
                var verb = Verb(line);
                log.Add(verb, verb == "PASS" ? "PASS ***" : line, _awaitingReply.Count);
                _awaitingReply.Enqueue(verb);
                bytes = bytes[(end + 1)..];
            }
        }
    }

    public void ServerSent()
    {
        lock (_sync)
        {
            _serverSpoke = true;
        }
    }

    /// <summary>A final reply starts: the verb of the command it answers (null for the greeting or an unasked reply).</summary>
    public string? FinalReplyStarted()
    {
        lock (_sync)
        {
            return _awaitingReply.TryDequeue(out var verb) ? verb : null;
        }
    }

    /// <summary>"SITE CHMOD 644 /x" is "SITE CHMOD"; other commands are their first word, upper case.</summary>
    internal static string Verb(string line)
    {
        var words = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return string.Empty;
        }

        var verb = words[0].ToUpperInvariant();
        return verb == "SITE" && words.Length > 1 ? $"SITE {words[1].ToUpperInvariant()}" : verb;
    }
}
