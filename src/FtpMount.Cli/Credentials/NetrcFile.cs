using System.Text;

namespace FtpMount.Cli.Credentials;

/// <summary>
/// The netrc format of ftp(1), curl and lftp: whitespace-separated tokens <c>machine NAME</c>, <c>default</c>,
/// <c>login NAME</c>, <c>password PW</c>, <c>account X</c>, <c>macdef NAME</c> (body up to an empty line).
/// Tokens may be double-quoted with backslash escapes (as curl and GNU inetutils accept); a line whose first token
/// starts with <c>#</c> is a comment.
/// </summary>
internal sealed class NetrcFile
{
    private NetrcFile(IReadOnlyList<NetrcEntry> entries) => Entries = entries;

    public IReadOnlyList<NetrcEntry> Entries { get; }

    public static NetrcFile Parse(string text)
    {
        var entries = new List<NetrcEntry>();
        NetrcEntry? current = null;
        var tokens = new Tokenizer(text);
        while (tokens.Next() is { } token)
        {
            switch (token)
            {
                case "machine":
                    Flush(entries, current);
                    current = new NetrcEntry(tokens.Next() ?? string.Empty, null, null);
                    break;
                case "default":
                    Flush(entries, current);
                    current = new NetrcEntry(null, null, null);
                    break;
                case "login" when current is not null:
                    current = current with { Login = tokens.Next() };
                    break;
                case "password" when current is not null:
                    current = current with { Password = tokens.Next() };
                    break;
                case "account":
                    tokens.Next();
                    break;
                case "macdef":
                    tokens.Next();
                    tokens.SkipMacroBody();
                    break;
                default:
                    // Unknown keywords (and values outside a block) are skipped, as curl does.
                    break;
            }
        }

        Flush(entries, current);
        return new NetrcFile(entries);
    }

    /// <summary>
    /// The first <c>machine</c> block for <paramref name="host"/> (case-insensitive) with a password whose login is
    /// <paramref name="user"/> or absent, else such a <c>default</c> block. Any login matches when the user is unknown.
    /// </summary>
    public NetrcEntry? Find(string host, string? user)
    {
        foreach (var machineBlock in new[] { true, false })
        {
            foreach (var entry in Entries)
            {
                var hostMatches = machineBlock
                    ? entry.Machine is not null && entry.Machine.Equals(host, StringComparison.OrdinalIgnoreCase)
                    : entry.Machine is null;
                if (hostMatches && entry.Password is not null
                    && (user is null || entry.Login is null || entry.Login == user))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    private static void Flush(List<NetrcEntry> entries, NetrcEntry? entry)
    {
        if (entry is not null)
        {
            entries.Add(entry);
        }
    }

    private sealed class Tokenizer(string text)
    {
        private int _position;

        public string? Next()
        {
            while (true)
            {
                var atLineStart = SkipWhitespace();
                if (_position >= text.Length)
                {
                    return null;
                }

                if (atLineStart && text[_position] == '#')
                {
                    SkipLine();
                    continue;
                }

                return text[_position] == '"' ? Quoted() : Bare();
            }
        }

        public void SkipMacroBody()
        {
            SkipLine();
            while (_position < text.Length)
            {
                var lineEnd = text.IndexOf('\n', _position);
                var line = lineEnd < 0 ? text.AsSpan(_position) : text.AsSpan(_position, lineEnd - _position);
                _position = lineEnd < 0 ? text.Length : lineEnd + 1;
                if (line.TrimEnd('\r').IsEmpty)
                {
                    return;
                }
            }
        }

        private bool SkipWhitespace()
        {
            var atLineStart = _position == 0 || text[_position - 1] == '\n';
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                atLineStart |= text[_position] == '\n';
                _position++;
            }

            return atLineStart;
        }

        private void SkipLine()
        {
            var end = text.IndexOf('\n', _position);
            _position = end < 0 ? text.Length : end + 1;
        }

        private string Bare()
        {
            var start = _position;
            while (_position < text.Length && !char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            return text[start.._position];
        }

        private string Quoted()
        {
            var token = new StringBuilder();
            _position++;
            while (_position < text.Length && text[_position] != '"')
            {
                if (text[_position] == '\\' && _position + 1 < text.Length)
                {
                    _position++;
                }

                token.Append(text[_position++]);
            }

            _position++;
            return token.ToString();
        }
    }
}
