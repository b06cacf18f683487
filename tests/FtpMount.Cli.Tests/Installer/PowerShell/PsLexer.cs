using System.Text;

namespace FtpMount.Cli.Tests.Installer.PowerShell;

/// <summary>
/// A small PowerShell tokenizer, enough to check our installer scripts on a machine without PowerShell: comments
/// (<c>#</c>, <c>&lt;# #&gt;</c>), single- and double-quoted strings and here-strings, interpolation (<c>$x</c> and
/// <c>$( … )</c> inside double quotes, lexed as code), backtick escapes and line continuations, variables, parameters,
/// brackets. It is not PowerShell's parser: it knows nothing of grammar beyond tokens.
/// </summary>
internal sealed class PsLexer
{
    private readonly string _text;
    private readonly List<PsToken> _tokens = [];
    private readonly List<string> _problems = [];
    private int _position;
    private int _line = 1;

    private PsLexer(string text) => _text = text.Replace("\r\n", "\n", StringComparison.Ordinal);

    public static (IReadOnlyList<PsToken> Tokens, IReadOnlyList<string> Problems) Lex(string text)
    {
        var lexer = new PsLexer(text);
        lexer.LexCode(insideSubexpression: false);
        return (lexer._tokens, lexer._problems);
    }

    private char Current => _position < _text.Length ? _text[_position] : '\0';

    private char Next => _position + 1 < _text.Length ? _text[_position + 1] : '\0';

    private bool AtEnd => _position >= _text.Length;

    /// <summary>Lexes code; inside <c>$( )</c> of a string it returns at the ')' that closes the subexpression.</summary>
    private void LexCode(bool insideSubexpression)
    {
        var depth = 0;
        while (!AtEnd)
        {
            var c = Current;
            if (c is ' ' or '\t')
            {
                _position++;
            }
            else if (c == '\n')
            {
                Add(PsTokenKind.Newline, "\n");
                _position++;
                _line++;
            }
            else if (c == '`')
            {
                // Escape or line continuation: the next character is taken literally.
                if (Next == '\n')
                {
                    _line++;
                }

                _position += 2;
            }
            else if (c == '#')
            {
                SkipTo("\n", consume: false);
            }
            else if (c == '<' && Next == '#')
            {
                var start = _line;
                if (!SkipTo("#>", consume: true))
                {
                    _problems.Add($"{start}: block comment <# is never closed with #>");
                }
            }
            else if (c == '@' && Next is '\'' or '"' && _position + 2 < _text.Length && _text[_position + 2] == '\n')
            {
                LexHereString(expandable: Next == '"');
            }
            else if (c == '\'')
            {
                LexSingleQuoted();
            }
            else if (c == '"')
            {
                LexDoubleQuoted();
            }
            else if (c is '\u2018' or '\u2019' or '\u201C' or '\u201D')
            {
                _problems.Add($"{_line}: typographic quote {c}; PowerShell treats it as a quote, editors and readers do not");
                _position++;
            }
            else if (c == '$')
            {
                if (Next == '(')
                {
                    Add(PsTokenKind.Punct, "$(");
                    _position += 2;
                    depth++;
                }
                else
                {
                    LexVariable();
                }
            }
            else if (c == '@' && Next is '(' or '{')
            {
                Add(PsTokenKind.Punct, "@" + Next);
                _position += 2;
                depth++;
            }
            else if (c is '(' or '{' or '[')
            {
                Add(PsTokenKind.Punct, c.ToString());
                _position++;
                depth++;
            }
            else if (c is ')' or '}' or ']')
            {
                if (insideSubexpression && depth == 0 && c == ')')
                {
                    _position++;
                    return;
                }

                Add(PsTokenKind.Punct, c.ToString());
                _position++;
                depth--;
            }
            else if (c == '-' && char.IsAsciiLetter(Next))
            {
                var start = _position++;
                while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
                {
                    _position++;
                }

                // -Confirm:$false: the colon binds the value to the parameter.
                Add(PsTokenKind.Parameter, _text[start.._position]);
                if (Current == ':')
                {
                    _position++;
                }
            }
            else if (IsWordCharacter(c))
            {
                var start = _position;
                while (!AtEnd && (IsWordCharacter(Current) || Current == '-'))
                {
                    _position++;
                }

                Add(PsTokenKind.Word, _text[start.._position]);
            }
            else
            {
                // Operators and separators: = += , ; | ! > < & . and the like.
                var start = _position++;
                if (c is '+' or '-' or '!' or '>' or '<' && Current == '=')
                {
                    _position++;
                }

                Add(PsTokenKind.Punct, _text[start.._position]);
            }
        }

        if (insideSubexpression)
        {
            _problems.Add($"{_line}: subexpression $( in a string is never closed");
        }
    }

    private static bool IsWordCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '\\' or '/' or '*' or '%';

    private void LexVariable()
    {
        var line = _line;
        _position++;
        if (Current == '{')
        {
            var close = _text.IndexOf('}', _position);
            if (close < 0)
            {
                _problems.Add($"{line}: ${{ is never closed");
                _position = _text.Length;
                return;
            }

            _tokens.Add(new PsToken(PsTokenKind.Variable, _text[(_position + 1)..close], line));
            _position = close + 1;
            return;
        }

        var start = _position;
        if (Current is '_' or '?' or '$' or '^' && !char.IsAsciiLetterOrDigit(Next))
        {
            _position++;
        }
        else
        {
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_' || (Current == ':' && Next != ':' && char.IsAsciiLetter(Next))))
            {
                _position++;
            }
        }

        _tokens.Add(new PsToken(PsTokenKind.Variable, _text[start.._position], line));
    }

    private void LexSingleQuoted()
    {
        var line = _line;
        var start = ++_position;
        while (!AtEnd)
        {
            if (Current == '\'' && Next == '\'')
            {
                _position += 2;
                continue;
            }

            if (Current == '\'')
            {
                _tokens.Add(new PsToken(PsTokenKind.String, _text[start.._position].Replace("''", "'", StringComparison.Ordinal), line));
                _position++;
                return;
            }

            CountLine();
            _position++;
        }

        _problems.Add($"{line}: string ' is never closed");
    }

    private void LexDoubleQuoted()
    {
        var line = _line;
        _position++;
        _tokens.Add(new PsToken(PsTokenKind.String, "\"", line));
        while (!AtEnd)
        {
            var c = Current;
            if (c == '`')
            {
                CountLine();
                _position += 2;
            }
            else if (c == '"' && Next == '"')
            {
                _position += 2;
            }
            else if (c == '"')
            {
                _position++;
                return;
            }
            else if (c == '$' && Next == '(')
            {
                Add(PsTokenKind.Punct, "$(");
                _position += 2;
                LexCode(insideSubexpression: true);
                Add(PsTokenKind.Punct, ")");
            }
            else if (c == '$' && (char.IsAsciiLetter(Next) || Next is '_' or '{'))
            {
                LexVariable();
            }
            else
            {
                CountLine();
                _position++;
            }
        }

        _problems.Add($"{line}: string \" is never closed");
    }

    private void LexHereString(bool expandable)
    {
        var line = _line;
        var terminator = expandable ? "\n\"@" : "\n'@";
        var end = _text.IndexOf(terminator, _position + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            _problems.Add($"{line}: here-string @{(expandable ? '"' : '\'')} is never closed");
            _position = _text.Length;
            return;
        }

        _tokens.Add(new PsToken(PsTokenKind.String, "@", line));
        var body = _text[(_position + 2)..end];
        if (expandable)
        {
            // Variables in the body count as uses; a here-string is rare enough here not to lex $( ) inside it.
            var (inner, _) = Lex(body.Replace("\"", "`\"", StringComparison.Ordinal));
            _tokens.AddRange(inner.Where(t => t.Kind == PsTokenKind.Variable).Select(t => t with { Line = t.Line + line }));
        }

        foreach (var ch in body)
        {
            if (ch == '\n')
            {
                _line++;
            }
        }

        _line++;
        _position = end + terminator.Length;
    }

    /// <summary>Skips to <paramref name="marker"/>; false when it never comes.</summary>
    private bool SkipTo(string marker, bool consume)
    {
        var end = _text.IndexOf(marker, _position, StringComparison.Ordinal);
        var stop = end < 0 ? _text.Length : end + (consume ? marker.Length : 0);
        for (var i = _position; i < stop; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
            }
        }

        _position = stop;
        return end >= 0;
    }

    private void CountLine()
    {
        if (Current == '\n')
        {
            _line++;
        }
    }

    private void Add(PsTokenKind kind, string text) => _tokens.Add(new PsToken(kind, text, _line));
}
