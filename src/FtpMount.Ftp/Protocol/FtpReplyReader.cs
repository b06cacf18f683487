using System.Buffers;
using System.Text;
using FtpMount.Ftp.Errors;

namespace FtpMount.Ftp.Protocol;

/// <summary>
/// Reads replies from a control connection. Exact RFC 959 §4.2 grammar: "ddd-" opens a multi-line reply that
/// only a line starting with the same "ddd " closes; everything in between is text, even lines that look like
/// other codes. Replies are untrusted: line length, line count and total size are capped so a hostile or broken
/// server cannot grow memory without bound (curl had a heap overflow on very long replies).
/// </summary>
internal sealed class FtpReplyReader : IDisposable
{
    internal const int MaxLineBytes = 8 * 1024;
    internal const int MaxLines = 10_000;
    internal const int MaxReplyBytes = 1024 * 1024;

    // Reply text is informational: bytes invalid in the names' encoding become U+FFFD rather than failing the reply.
    private readonly FtpNameEncoding _text;
    private Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public FtpReplyReader(Stream stream, FtpNameEncoding? text = null)
    {
        _stream = stream;
        _text = text ?? FtpNameEncoding.Utf8;
        _buffer = ArrayPool<byte>.Shared.Rent(MaxLineBytes * 2);
    }

    /// <summary>Bytes received but not yet consumed as reply lines.</summary>
    public int BufferedCount => _end - _start;

    /// <summary>The start of what is buffered, printable, for a log line about bytes nobody asked for.</summary>
    public string BufferedText() => Printable(_text.DecodeReply(_buffer.AsSpan(_start, Math.Min(BufferedCount, 80))));

    /// <summary>
    /// Switches to a new stream (after a TLS upgrade) and drops whatever plaintext was buffered: bytes that arrived
    /// before the handshake must never be read as replies afterwards (curl CVE-2021-22947).
    /// </summary>
    public int ReplaceStream(Stream stream)
    {
        var dropped = BufferedCount;
        _stream = stream;
        _start = _end = 0;
        return dropped;
    }

    public async ValueTask<FtpReply> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>(1);
        var total = 0;
        var first = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        total += first.Length;
        if (!TryParseCodePrefix(first, out var code, out var separator))
        {
            throw new FtpProtocolException($"Malformed reply line from server: \"{Printable(first)}\".");
        }

        lines.Add(first.Length > 4 ? first[4..] : string.Empty);
        if (separator != '-')
        {
            return new FtpReply(code, lines);
        }

        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            total += line.Length;
            if (lines.Count >= MaxLines || total > MaxReplyBytes)
            {
                throw new FtpProtocolException(
                    $"Multi-line {code} reply exceeds {MaxLines} lines or {MaxReplyBytes} bytes; refusing the rest.");
            }

            if (TryParseCodePrefix(line, out var lastCode, out var lastSeparator) && lastCode == code && lastSeparator != '-')
            {
                lines.Add(line.Length > 4 ? line[4..] : string.Empty);
                return new FtpReply(code, lines);
            }

            lines.Add(line);
        }
    }

    private static bool TryParseCodePrefix(string line, out int code, out char separator)
    {
        code = 0;
        separator = '\0';
        if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]))
        {
            return false;
        }

        if (line[0] is < '1' or > '5')
        {
            return false;
        }

        if (line.Length > 3)
        {
            separator = line[3];
            if (separator is not (' ' or '-'))
            {
                return false;
            }
        }

        code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        return true;
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline > MaxLineBytes || (newline < 0 && available.Length >= MaxLineBytes))
            {
                throw new FtpProtocolException($"Reply line longer than {MaxLineBytes} bytes; refusing it.");
            }

            if (newline >= 0)
            {
                var lineBytes = available[..newline];
                if (!lineBytes.IsEmpty && lineBytes[^1] == (byte)'\r')
                {
                    lineBytes = lineBytes[..^1];
                }

                _start += newline + 1;
                return _text.DecodeReply(lineBytes);
            }

            if (_start > 0)
            {
                available.CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new FtpConnectionLostException("The server closed the control connection.");
            }

            _end += read;
        }
    }

    internal static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 80));
        foreach (var c in text)
        {
            if (builder.Length >= 80)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
