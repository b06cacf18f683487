using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;
using FtpMount.Ftp.Errors;

namespace FtpMount.Ftp;

/// <summary>
/// How names travel on the wire: UTF-8 (RFC 2640; the default) or the code page of a server that predates it (NAS
/// boxes, routers, old Windows hosts: windows-1251, shift_jis, gbk…). Strict both ways: a listed name that is not
/// valid in the encoding, or would not come back as the same bytes when sent, is refused rather than mangled, since
/// two byte names shown as one string could not both be addressed; a name the encoding cannot write is never sent.
/// Reply text, which is only read by people, is decoded leniently.
/// </summary>
public sealed class FtpNameEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Encoding _strict;
    private readonly Encoding _lenient;

    static FtpNameEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private FtpNameEncoding(string name, Encoding strict, Encoding lenient)
    {
        Name = name;
        _strict = strict;
        _lenient = lenient;
        IsUtf8 = strict.CodePage == Encoding.UTF8.CodePage;
    }

    public static FtpNameEncoding Utf8 { get; } = new("utf-8", StrictUtf8, LenientUtf8);

    /// <summary>The encoding's name as given to <see cref="Get"/> resolved (e.g. "windows-1251", "shift_jis").</summary>
    public string Name { get; }

    public bool IsUtf8 { get; }

    /// <summary>
    /// The encoding called <paramref name="name"/> (any name or alias .NET knows, code pages included, e.g. latin1,
    /// cp437, windows-1252). Throws <see cref="ArgumentException"/> for an unknown one, and for one whose ASCII is not
    /// plain ASCII (EBCDIC, UTF-16, UTF-7): FTP commands themselves are ASCII.
    /// </summary>
    public static FtpNameEncoding Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return Utf8;
        }

        Encoding strict;
        try
        {
            // "cp1251" is how servers and users name code pages; .NET knows it as 1251 or "windows-1251".
            strict = name.Length > 2 && name.StartsWith("cp", StringComparison.OrdinalIgnoreCase)
                                     && int.TryParse(name.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page)
                ? Encoding.GetEncoding(page, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                : Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new ArgumentException(
                $"Unknown encoding \"{name}\"; use a name such as utf-8, windows-1251, windows-1252, latin1, shift_jis, gbk, cp437.", nameof(name));
        }

        if (strict.CodePage == Encoding.UTF8.CodePage)
        {
            return Utf8;
        }

        if (!KeepsAscii(strict))
        {
            throw new ArgumentException($"Encoding \"{name}\" does not write ASCII as ASCII, and FTP commands are ASCII.", nameof(name));
        }

        var lenient = Encoding.GetEncoding(strict.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        return new FtpNameEncoding(strict.WebName, strict, lenient);
    }

    /// <summary>A name or link target from a listing; false when it is not valid in this encoding or would not round-trip.</summary>
    public bool TryDecode(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? text)
    {
        if (IsUtf8)
        {
            // Validating first keeps the throwing decoder off the rejection path.
            text = System.Text.Unicode.Utf8.IsValid(bytes) ? StrictUtf8.GetString(bytes) : null;
            return text is not null;
        }

        try
        {
            text = _strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }

        // Some code pages decode two byte sequences to one character (best-fit tables); such a name could not be sent back.
        if (!RoundTrips(text, bytes))
        {
            text = null;
            return false;
        }

        return true;
    }

    /// <summary>Bytes of <paramref name="text"/>; throws <see cref="FtpUnencodableNameException"/> when the encoding has no way to write it.</summary>
    public int GetByteCount(string text)
    {
        try
        {
            return _strict.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw Unencodable(text, e);
        }
    }

    /// <inheritdoc cref="GetByteCount"/>
    public int GetBytes(string text, Span<byte> bytes)
    {
        try
        {
            return _strict.GetBytes(text, bytes);
        }
        catch (EncoderFallbackException e)
        {
            throw Unencodable(text, e);
        }
    }

    /// <summary>True when <paramref name="text"/> can be sent in this encoding.</summary>
    public bool CanEncode(string text)
    {
        try
        {
            _strict.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Reply text for people and logs: invalid bytes become U+FFFD.</summary>
    public string DecodeReply(ReadOnlySpan<byte> bytes) => _lenient.GetString(bytes);

    public override string ToString() => Name;

    private bool RoundTrips(string text, ReadOnlySpan<byte> bytes)
    {
        var count = _strict.GetByteCount(text);
        if (count != bytes.Length)
        {
            return false;
        }

        var buffer = count <= 512 ? stackalloc byte[count] : new byte[count];
        _strict.GetBytes(text, buffer);
        return buffer.SequenceEqual(bytes);
    }

    private FtpUnencodableNameException Unencodable(string text, EncoderFallbackException e)
    {
        // The character, not the whole command: the text may be a command line, never a secret, but names can be long.
        var what = e.CharUnknown != default ? $"U+{(int)e.CharUnknown:X4}" : "a surrogate pair";
        return new FtpUnencodableNameException(
            $"A name in \"{Shorten(text)}\" has a character ({what}) that the server's encoding {Name} cannot write; it was not sent.");
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");

    private static bool KeepsAscii(Encoding encoding)
    {
        Span<char> ascii = stackalloc char[95];
        for (var i = 0; i < ascii.Length; i++)
        {
            ascii[i] = (char)(' ' + i);
        }

        try
        {
            var bytes = encoding.GetBytes(ascii.ToArray());
            return bytes.Length == ascii.Length && bytes.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(ascii.ToArray()));
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
