using System.Buffers;
using System.Text;
using FtpMount.FtpProxy.Relay;

namespace FtpMount.FtpProxy.Control;

/// <summary>
/// Filters the server-to-client control stream line by line (replies end with CRLF, RFC 959 §4.2): passive replies
/// get the proxy's data port, and an armed <see cref="FtpProxy.ReplaceNextReply"/> swaps one whole reply.
/// Bytes are held back only while they could still start a line that needs rewriting, so a stream that is not FTP
/// (or a partial line that is no passive reply) passes straight through without waiting for a line end.
/// </summary>
internal sealed class ControlReplyRewriter : IStreamFilter
{
    /// <summary>Longer lines are forwarded unread: no passive reply is this long, and holding must stay bounded.</summary>
    internal const int MaxHeldLine = 8 * 1024;

    private readonly LinkConditions _link;
    private readonly ControlConversation? _conversation;
    private readonly Func<int, int?> _relayDataPort;
    private readonly ArrayBufferWriter<byte> _held = new();
    private bool _passingLine;
    private Func<string, string?>? _replacement;
    private StringBuilder? _reply;
    private string? _replyCode;
    private bool _lineStartSeen;
    private string? _multilineCode;

    /// <param name="relayDataPort">
    /// Given the server's data port from a passive reply, opens a relay and returns its port, or null to leave the
    /// reply unchanged.
    /// </param>
    public ControlReplyRewriter(LinkConditions link, Func<int, int?> relayDataPort, ControlConversation? conversation = null)
    {
        _link = link;
        _relayDataPort = relayDataPort;
        _conversation = conversation;
    }

    public void Process(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        _conversation?.ServerSent();
        while (!input.IsEmpty)
        {
            var lineEnd = input.IndexOf((byte)'\n');
            var take = lineEnd < 0 ? input.Length : lineEnd + 1;
            if (_passingLine)
            {
                output.Write(input[..take]);
                _passingLine = lineEnd < 0;
                _lineStartSeen = _passingLine;
            }
            else
            {
                _held.Write(input[..take]);
                if (!_lineStartSeen && (_held.WrittenCount >= 4 || lineEnd >= 0))
                {
                    _lineStartSeen = true;
                    LineStarted(_held.WrittenSpan);
                }

                if (lineEnd >= 0)
                {
                    HandleLine(_held.WrittenSpan, output);
                    _held.ResetWrittenCount();
                    _lineStartSeen = false;
                }
                else if (!MustHold(_held.WrittenSpan))
                {
                    if (!_lineStartSeen)
                    {
                        // Not a reply code (no FTP, or text inside a reply): passed on unread.
                        _lineStartSeen = true;
                        LineStarted(_held.WrittenSpan);
                    }

                    FlushHeld(output);
                    _passingLine = true;
                }
            }

            input = input[take..];
        }
    }

    public void Complete(IBufferWriter<byte> output) => FlushHeld(output);

    private bool MustHold(ReadOnlySpan<byte> partial)
    {
        if (partial.Length > MaxHeldLine)
        {
            return false;
        }

        if (_replacement is not null || _link.ReplyReplacementArmed)
        {
            return true;
        }

        // A reply code still arriving: held until its fourth byte tells a final reply from a preliminary or multi-line one.
        if (!_lineStartSeen && partial.Length < 4 && partial.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
        {
            return true;
        }

        // Could this still become "227 " or "229 "?
        return (partial.Length < 1 || partial[0] == (byte)'2')
            && (partial.Length < 2 || partial[1] == (byte)'2')
            && (partial.Length < 3 || partial[2] is (byte)'7' or (byte)'9');
    }

    /// <summary>
    /// The first bytes of a line (four, or the whole line): where a reply starts (not inside a multi-line reply, RFC
    /// 959 §4.2), the final ones are paired with the command they answer, and an armed replacement for it is taken.
    /// </summary>
    private void LineStarted(ReadOnlySpan<byte> head)
    {
        var code = head.Length >= 3 && char.IsAsciiDigit((char)head[0]) && char.IsAsciiDigit((char)head[1]) && char.IsAsciiDigit((char)head[2])
            ? Encoding.ASCII.GetString(head[..3])
            : null;
        var dash = head.Length >= 4 && head[3] == (byte)'-';
        if (_multilineCode is not null)
        {
            if (code == _multilineCode && !dash)
            {
                _multilineCode = null;
            }

            return;
        }

        if (code is null)
        {
            return;
        }

        if (dash)
        {
            _multilineCode = code;
        }

        if (code[0] == '1')
        {
            return;
        }

        var verb = _conversation?.FinalReplyStarted();
        if (_replacement is null && _link.TakeReplyReplacement(verb) is { } replace)
        {
            _replacement = replace;
            _reply = new StringBuilder();
            _replyCode = null;
        }
    }

    private void HandleLine(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {

        if (_replacement is not null)
        {
            CollectReplyLine(line, output);
            return;
        }

        if (!PassiveReply.TryRewrite(line, _relayDataPort, output))
        {
            output.Write(line);
        }
    }

    /// <summary>Gathers a whole reply (a multi-line one ends at "ddd ", RFC 959 §4.2) before replacing it.</summary>
    private void CollectReplyLine(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {
        // Latin-1 maps bytes to chars one to one, so text the replacement leaves alone goes back byte for byte.
        var text = Encoding.Latin1.GetString(line);
        _reply!.Append(text);
        if (_replyCode is null)
        {
            if (text.Length >= 4 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2])
                && text[3] == '-')
            {
                _replyCode = text[..3];
                return;
            }
        }
        else if (!(text.StartsWith(_replyCode, StringComparison.Ordinal) && text.Length >= 4 && text[3] == ' '))
        {
            return;
        }

        var replace = _replacement!;
        var original = _reply.ToString();
        _replacement = null;
        _reply = null;
        _replyCode = null;
        if (replace(original) is { } replaced)
        {
            output.Write(Encoding.Latin1.GetBytes(replaced));
        }
    }

    private void FlushHeld(IBufferWriter<byte> output)
    {
        if (_reply is not null)
        {
            // The stream ended or a line grew too long inside a reply being collected: it was no FTP reply,
            // so it goes out unchanged and the replacement is spent.
            output.Write(Encoding.Latin1.GetBytes(_reply.ToString()));
            _reply = null;
            _replacement = null;
            _replyCode = null;
        }

        output.Write(_held.WrittenSpan);
        _held.ResetWrittenCount();
    }
}
