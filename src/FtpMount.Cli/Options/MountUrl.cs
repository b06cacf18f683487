using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FtpMount.Cli.Options;

/// <summary>
/// The SOURCE argument: <c>ftp://[user[:password]@]host[:port][/path]</c> or <c>ftps://…</c> (implicit TLS, port 990).
/// A password in the URL is accepted but flagged, and never printed: <see cref="ToString"/> shows <c>***</c>.
/// </summary>
internal sealed class MountUrl
{
    public const int DefaultFtpPort = 21;
    public const int DefaultImplicitTlsPort = 990;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private MountUrl(bool implicitTls, string host, int? explicitPort, string? userName, string? password, string path)
    {
        ImplicitTls = implicitTls;
        Host = host;
        ExplicitPort = explicitPort;
        UserName = userName;
        Password = password;
        Path = path;
    }

    /// <summary>True for <c>ftps://</c>: TLS from the first byte.</summary>
    public bool ImplicitTls { get; }

    public string Scheme => ImplicitTls ? "ftps" : "ftp";

    /// <summary>Host name or address; an IPv6 literal without its brackets (zone kept, e.g. <c>fe80::1%eth0</c>).</summary>
    public string Host { get; }

    /// <summary>The port written in the URL, or null when the URL has none.</summary>
    public int? ExplicitPort { get; }

    /// <summary>The port written in the URL, else 990 for <c>ftps://</c> and 21 for <c>ftp://</c>.</summary>
    public int Port => ExplicitPort ?? (ImplicitTls ? DefaultImplicitTlsPort : DefaultFtpPort);

    /// <summary>Percent-decoded user name, or null when the URL names none.</summary>
    public string? UserName { get; }

    /// <summary>Percent-decoded password written in the URL. Never printed; prefer the other credential sources.</summary>
    public string? Password { get; }

    public bool HasPasswordInUrl => Password is not null;

    /// <summary>Percent-decoded (UTF-8) path on the server, starting with <c>/</c>; <c>/</c> when the URL has none.</summary>
    public string Path { get; }

    public MountUrl WithoutPassword() => new(ImplicitTls, Host, ExplicitPort, UserName, null, Path);

    /// <summary>The URL with user and path percent-encoded again and without any password: safe for argv and logs.</summary>
    public string ToUrlString() => Format(includePasswordMarker: false);

    /// <summary>The URL for messages: a password, if any, shows as <c>***</c>.</summary>
    public override string ToString() => Format(includePasswordMarker: true);

    /// <summary>Parses SOURCE. Throws <see cref="CommandLineException"/> naming what is wrong, never echoing a password.</summary>
    public static MountUrl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = Redact(text);
        foreach (var c in text)
        {
            if (char.IsControl(c) || c == ' ')
            {
                throw Bad(shown, "contains a space or control character; percent-encode it (space is %20)");
            }
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? string.Empty : text[..schemeEnd];
        bool implicitTls;
        if (scheme.Equals("ftp", StringComparison.OrdinalIgnoreCase))
        {
            implicitTls = false;
        }
        else if (scheme.Equals("ftps", StringComparison.OrdinalIgnoreCase))
        {
            implicitTls = true;
        }
        else
        {
            throw Bad(shown, "must start with ftp:// or ftps://");
        }

        var rest = text[(schemeEnd + 3)..];
        var special = rest.IndexOfAny(['?', '#']);
        if (special >= 0)
        {
            throw Bad(shown, $"contains '{rest[special]}'; percent-encode it in paths (? is %3F, # is %23)");
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var rawPath = slash < 0 ? "/" : rest[slash..];

        string? user = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Decode(colon < 0 ? userInfo : userInfo[..colon], shown, "user name");
            if (colon >= 0)
            {
                password = Decode(userInfo[(colon + 1)..], shown, "password");
            }

            if (user.Length == 0)
            {
                throw Bad(shown, "has an empty user name before '@'");
            }

            RejectLineBreaks(user, shown, "user name");
            authority = authority[(at + 1)..];
        }

        var (host, port) = ParseHostAndPort(authority, shown);
        var path = Decode(rawPath, shown, "path");
        RejectLineBreaks(path, shown, "path");
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path.TrimEnd('/');
            path = path.Length == 0 ? "/" : path;
        }

        return new MountUrl(implicitTls, host, port, user, password, path);
    }

    /// <summary>Hides the password of a URL-looking string for error messages, even when the rest does not parse.</summary>
    public static string Redact(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var slash = text.IndexOf('/', start);
        var authorityEnd = slash < 0 ? text.Length : slash;
        if (authorityEnd <= start)
        {
            return text;
        }

        var at = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - start);
        if (at < 0)
        {
            return text;
        }

        var colon = text.IndexOf(':', start, at - start);
        return colon < 0 ? text : string.Concat(text.AsSpan(0, colon + 1), "***", text.AsSpan(at));
    }

    private static (string Host, int? Port) ParseHostAndPort(string authority, string shown)
    {
        string host;
        string portText;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Bad(shown, "has '[' without a closing ']' around the IPv6 address");
            }

            // RFC 6874: the zone separator is written %25 inside the brackets.
            host = authority[1..close].Replace("%25", "%", StringComparison.Ordinal);
            if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw Bad(shown, $"has \"{authority[..(close + 1)]}\", which is not an IPv6 address");
            }

            var after = authority[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                throw Bad(shown, $"has \"{after}\" after the IPv6 address; expected :PORT or /PATH");
            }

            portText = after.Length > 0 ? after[1..] : string.Empty;
            if (after.Length > 0 && portText.Length == 0)
            {
                throw Bad(shown, "has ':' without a port number");
            }
        }
        else
        {
            var colon = authority.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && authority.IndexOf(':', colon + 1) >= 0)
            {
                throw Bad(shown, "has an IPv6 address without brackets; write it as [ADDRESS], e.g. ftp://[::1]:21/");
            }

            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? string.Empty : authority[(colon + 1)..];
            if (colon >= 0 && portText.Length == 0)
            {
                throw Bad(shown, "has ':' without a port number");
            }

            if (host.Length == 0)
            {
                throw Bad(shown, "has no host name");
            }

            foreach (var c in host)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
                {
                    throw Bad(shown, $"has the character '{c}' in the host name \"{host}\"");
                }
            }
        }

        if (portText.Length == 0)
        {
            return (host, null);
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw Bad(shown, $"has the port \"{portText}\"; a port is a number from 1 to 65535");
        }

        return (host, port);
    }

    private static string Decode(string text, string shown, string part)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> scratch = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    throw Bad(shown, $"has a '%' in the {part} that is not followed by two hex digits");
                }

                bytes.Add(b);
                i += 2;
            }
            else if (char.IsSurrogate(c))
            {
                if (!char.IsSurrogatePair(text, i))
                {
                    throw Bad(shown, $"has a broken character in the {part}");
                }

                var n = Encoding.UTF8.GetBytes(text.AsSpan(i, 2), scratch);
                bytes.AddRange(scratch[..n]);
                i++;
            }
            else
            {
                var n = Encoding.UTF8.GetBytes(text.AsSpan(i, 1), scratch);
                bytes.AddRange(scratch[..n]);
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw Bad(shown, $"has a {part} that is not valid UTF-8 after percent-decoding");
        }
    }

    private static void RejectLineBreaks(string value, string shown, string part)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            // CR/LF would end an FTP command early and smuggle in another one (command injection).
            throw Bad(shown, $"has CR, LF or NUL in the {part} after percent-decoding");
        }
    }

    private static CommandLineException Bad(string shown, string why) =>
        new($"SOURCE \"{shown}\" {why}.");

    private string Format(bool includePasswordMarker)
    {
        var text = new StringBuilder();
        text.Append(Scheme).Append("://");
        if (UserName is not null)
        {
            Encode(text, UserName, keepSlash: false);
            if (includePasswordMarker && Password is not null)
            {
                text.Append(":***");
            }

            text.Append('@');
        }

        text.Append(Host.Contains(':', StringComparison.Ordinal) ? "[" + Host.Replace("%", "%25", StringComparison.Ordinal) + "]" : Host);
        if (ExplicitPort is { } port)
        {
            text.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Encode(text, Path, keepSlash: true);
        return text.ToString();
    }

    private static void Encode(StringBuilder text, string value, bool keepSlash)
    {
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' || (keepSlash && c == '/')))
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }
}
