using System.Buffers;
using System.Globalization;
using System.Text;

namespace FtpMount.FtpProxy.Control;

/// <summary>
/// Finds the data port in a final <c>227</c> (RFC 959 §4.1.2, PASV) or <c>229</c> (RFC 2428 §3, EPSV) reply line
/// and writes the line back with the proxy's own port, so the client's data connection also passes the proxy.
/// </summary>
internal static class PassiveReply
{
    private static readonly SearchValues<byte> Digits = SearchValues.Create("0123456789"u8);

    /// <summary>
    /// Writes the rewritten line to <paramref name="output"/> and returns true, or returns false and writes nothing
    /// when the line is no passive reply or <paramref name="relayTo"/> declines (returns null) the server's port.
    /// </summary>
    public static bool TryRewrite(ReadOnlySpan<byte> line, Func<int, int?> relayTo, IBufferWriter<byte> output)
    {
        // Only a final line ("227 ", not "227-") carries the address a client acts on.
        if (line.Length < 4 || line[3] != (byte)' ')
        {
            return false;
        }

        if (line.StartsWith("227"u8) && TryFindPasvAddress(line, out var start, out var end, out var port))
        {
            if (relayTo(port) is not { } proxyPort)
            {
                return false;
            }

            // The host part is always loopback: the proxy listens on 127.0.0.1 only.
            Write(output, line[..start], $"127,0,0,1,{proxyPort >> 8},{proxyPort & 0xFF}", line[end..]);
            return true;
        }

        if (line.StartsWith("229"u8) && TryFindEpsvPort(line, out start, out end, out port))
        {
            if (relayTo(port) is not { } proxyPort)
            {
                return false;
            }

            Write(output, line[..start], proxyPort.ToString(CultureInfo.InvariantCulture), line[end..]);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The first run of six comma-separated numbers after the code, with or without parentheses: RFC 959 leaves the
    /// surrounding text free and some servers omit them.
    /// </summary>
    private static bool TryFindPasvAddress(ReadOnlySpan<byte> line, out int start, out int end, out int port)
    {
        Span<int> numbers = stackalloc int[6];
        for (var i = 4; i < line.Length; i++)
        {
            if (!Digits.Contains(line[i]) || Digits.Contains(line[i - 1]))
            {
                continue;
            }

            var position = i;
            var parsed = 0;
            while (parsed < 6 && TryReadNumber(line, ref position, out numbers[parsed]) && numbers[parsed] <= 255)
            {
                parsed++;
                if (parsed < 6)
                {
                    if (position >= line.Length || line[position] != (byte)',')
                    {
                        break;
                    }

                    position++;
                }
            }

            if (parsed == 6)
            {
                start = i;
                end = position;
                port = (numbers[4] << 8) | numbers[5];
                return true;
            }
        }

        start = end = port = 0;
        return false;
    }

    /// <summary>RFC 2428 §3: <c>(&lt;d&gt;&lt;d&gt;&lt;d&gt;port&lt;d&gt;)</c> where d is any printable delimiter, usually '|'.</summary>
    private static bool TryFindEpsvPort(ReadOnlySpan<byte> line, out int start, out int end, out int port)
    {
        start = end = port = 0;
        var open = line.IndexOf((byte)'(');
        if (open < 0 || open + 4 >= line.Length)
        {
            return false;
        }

        var delimiter = line[open + 1];
        if (delimiter is < 33 or > 126 || line[open + 2] != delimiter || line[open + 3] != delimiter)
        {
            return false;
        }

        var position = open + 4;
        if (!TryReadNumber(line, ref position, out port) || port is 0 or > 65535)
        {
            return false;
        }

        if (position + 1 >= line.Length || line[position] != delimiter || line[position + 1] != (byte)')')
        {
            return false;
        }

        start = open + 4;
        end = position;
        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> line, ref int position, out int value)
    {
        value = 0;
        var first = position;
        while (position < line.Length && Digits.Contains(line[position]) && position - first < 5)
        {
            value = (value * 10) + (line[position] - '0');
            position++;
        }

        return position > first;
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> before, string replacement, ReadOnlySpan<byte> after)
    {
        output.Write(before);
        output.Write(Encoding.ASCII.GetBytes(replacement));
        output.Write(after);
    }
}
