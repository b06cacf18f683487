using System.Net;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Data;

/// <summary>Reads the port (and, for PASV, the advertised address) from 229 and 227 replies.</summary>
internal static class PassiveReplyParser
{
    /// <summary>RFC 2428 §3: "229 text (|||port|)" where | may be any printable delimiter.</summary>
    public static int ParseEpsv(FtpReply reply)
    {
        var text = reply.Message;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open >= 0 && close > open + 4)
        {
            var inner = text.AsSpan(open + 1, close - open - 1);
            var d = inner[0];
            if (inner.Length >= 5 && inner[1] == d && inner[2] == d && inner[^1] == d
                && int.TryParse(inner[3..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
                && port is > 0 and <= 65535)
            {
                return port;
            }
        }

        throw new FtpProtocolException($"Malformed EPSV reply: {FtpReplyReader.Printable(reply.ToString())}", reply);
    }

    /// <summary>"227 text (h1,h2,h3,h4,p1,p2)"; the parentheses are optional in practice, so find six numbers.</summary>
    public static (IPAddress Address, int Port) ParsePasv(FtpReply reply)
    {
        var text = reply.Message.AsSpan();
        Span<int> numbers = stackalloc int[6];
        var count = 0;
        var i = 0;
        while (i < text.Length && count < 6)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i - start > 3 || !int.TryParse(text[start..i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value > 255)
            {
                count = 0;
                continue;
            }

            // Only comma-separated runs count; "227 Entering Passive Mode" has no digits before the tuple anyway.
            numbers[count++] = value;
            if (count < 6 && (i >= text.Length || text[i] != ','))
            {
                count = 0;
            }
        }

        if (count != 6)
        {
            throw new FtpProtocolException($"Malformed PASV reply: {FtpReplyReader.Printable(reply.ToString())}", reply);
        }

        var address = new IPAddress(new[] { (byte)numbers[0], (byte)numbers[1], (byte)numbers[2], (byte)numbers[3] });
        return (address, (numbers[4] * 256) + numbers[5]);
    }
}
