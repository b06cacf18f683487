using System.Text.RegularExpressions;

namespace FtpMount.Cli.Tests.Installer.PowerShell;

/// <summary>
/// What can be checked about a PowerShell script without PowerShell: brackets and quotes balance; every
/// Verb-Noun command is a function defined above it (here or in a file dot-sourced with
/// <c>. (Join-Path $PSScriptRoot 'x.ps1')</c>) or a cmdlet of <see cref="PsCommandTable"/>, not a PowerShell 6+ one;
/// named parameters exist on that function or cmdlet; functions have approved verbs; variables are assigned (or are
/// parameters or automatic) before use, as Set-StrictMode demands at run time; only ASCII. Entry scripts also start
/// with a param block and set #Requires -Version 5.1, Set-StrictMode -Version Latest and $ErrorActionPreference.
/// It does not check types, .NET member names, or what a command does.
/// </summary>
internal sealed partial class PsScriptCheck
{
    private static readonly string[] AutomaticVariables =
    [
        "true", "false", "null", "_", "PSItem", "PSScriptRoot", "PSCommandPath", "LASTEXITCODE", "ErrorActionPreference",
        "args", "input", "Host", "PSVersionTable", "Error", "MyInvocation", "?",
    ];

    private readonly string _directory;
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, HashSet<string>> _functions = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _variables = new(AutomaticVariables, StringComparer.OrdinalIgnoreCase);

    private PsScriptCheck(string directory) => _directory = directory;

    /// <summary>Problems as "FILE:LINE: what", empty when the script passes.</summary>
    public static IReadOnlyList<string> Check(string path, bool isEntryScript)
    {
        var check = new PsScriptCheck(Path.GetDirectoryName(path)!);
        check.Analyze(path, isEntryScript);
        return check._problems;
    }

    private void Analyze(string path, bool isEntryScript)
    {
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        var (tokens, lexProblems) = PsLexer.Lex(text);
        _problems.AddRange(lexProblems.Select(p => $"{name}:{p}"));
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Any(c => !char.IsAscii(c)))
            {
                _problems.Add($"{name}:{i + 1}: non-ASCII text; Windows PowerShell 5.1 reads a file without a BOM as ANSI");
            }
        }

        CheckBalance(name, tokens);
        if (isEntryScript)
        {
            CheckEntryStructure(name, text, tokens);
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token is { Kind: PsTokenKind.Word } && token.Text.Equals("function", StringComparison.OrdinalIgnoreCase))
            {
                i = DefineFunction(name, tokens, i);
            }
            else if (token is { Kind: PsTokenKind.Word, Text: "." } && DotSourcedFile(tokens, i) is { } file)
            {
                Analyze(Path.Combine(_directory, file), isEntryScript: false);
            }
            else if (token.Kind == PsTokenKind.Word && token.Text.Equals("param", StringComparison.OrdinalIgnoreCase) && Is(tokens, i + 1, "("))
            {
                foreach (var parameter in ParameterNames(tokens, i + 1))
                {
                    _variables.Add(parameter);
                }
            }
            else if (token.Kind == PsTokenKind.Variable)
            {
                UseVariable(name, tokens, i);
            }
            else if (token.Kind == PsTokenKind.Word && IsCommandName(token.Text))
            {
                UseCommand(name, tokens, i);
            }
        }
    }

    private int DefineFunction(string file, IReadOnlyList<PsToken> tokens, int index)
    {
        if (index + 1 >= tokens.Count || tokens[index + 1].Kind != PsTokenKind.Word)
        {
            _problems.Add($"{file}:{tokens[index].Line}: function without a name");
            return index;
        }

        var name = tokens[index + 1];
        if (!IsCommandName(name.Text))
        {
            _problems.Add($"{file}:{name.Line}: function {name.Text} is not named Verb-Noun with an approved verb");
        }

        var body = index + 2;
        if (!Is(tokens, body, "{"))
        {
            _problems.Add($"{file}:{name.Line}: function {name.Text} must declare its parameters in a param() block, not after its name");
            return index + 1;
        }

        var first = body + 1;
        while (first < tokens.Count && tokens[first].Kind == PsTokenKind.Newline)
        {
            first++;
        }

        var hasParam = first < tokens.Count && tokens[first].Text.Equals("param", StringComparison.OrdinalIgnoreCase) && Is(tokens, first + 1, "(");
        _functions[name.Text] = hasParam
            ? new HashSet<string>(ParameterNames(tokens, first + 1), StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return index + 1;
    }

    private void UseCommand(string file, IReadOnlyList<PsToken> tokens, int index)
    {
        var command = tokens[index];
        HashSet<string>? parameters;
        if (PsCommandTable.PowerShell6Only.Contains(command.Text))
        {
            _problems.Add($"{file}:{command.Line}: {command.Text} exists only in PowerShell 6+, not in Windows PowerShell 5.1");
            return;
        }

        if (_functions.TryGetValue(command.Text, out var ownParameters))
        {
            parameters = ownParameters;
        }
        else if (!PsCommandTable.Cmdlets.TryGetValue(command.Text, out parameters))
        {
            _problems.Add($"{file}:{command.Line}: {command.Text} is neither a function defined above nor a known Windows PowerShell 5.1 cmdlet");
            return;
        }

        foreach (var parameter in NamedArguments(tokens, index))
        {
            var parameterName = parameter.Text[1..];
            if (!parameters.Contains(parameterName) && !PsCommandTable.CommonParameters.Contains(parameterName))
            {
                _problems.Add($"{file}:{parameter.Line}: {command.Text} has no parameter {parameter.Text}");
            }
        }
    }

    private void UseVariable(string file, IReadOnlyList<PsToken> tokens, int index)
    {
        var variable = tokens[index];
        if (variable.Text.Contains(':', StringComparison.Ordinal))
        {
            // $env:X, $script:x: scope-qualified, not tracked.
            return;
        }

        var assigned = index + 1 < tokens.Count && tokens[index + 1] is { Kind: PsTokenKind.Punct, Text: "=" or "+=" or "-=" };
        var loopVariable = index >= 2 && Is(tokens, index - 1, "(") && tokens[index - 2].Text.Equals("foreach", StringComparison.OrdinalIgnoreCase);
        if (assigned || loopVariable)
        {
            _variables.Add(variable.Text);
        }
        else if (!_variables.Contains(variable.Text))
        {
            _problems.Add($"{file}:{variable.Line}: ${variable.Text} is used before any assignment above it (Set-StrictMode fails on that)");
        }
    }

    /// <summary>The -Name tokens of one command: up to the end of its statement, at its own bracket depth.</summary>
    private static IEnumerable<PsToken> NamedArguments(IReadOnlyList<PsToken> tokens, int command)
    {
        var depth = 0;
        for (var i = command + 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == PsTokenKind.Punct && IsOpener(token.Text))
            {
                depth++;
            }
            else if (token.Kind == PsTokenKind.Punct && token.Text is ")" or "}" or "]")
            {
                if (depth-- == 0)
                {
                    yield break;
                }
            }
            else if (depth == 0 && (token.Kind == PsTokenKind.Newline || token.Text is ";" or "|"))
            {
                yield break;
            }
            else if (depth == 0 && token.Kind == PsTokenKind.Parameter)
            {
                yield return token;
            }
        }
    }

    /// <summary>The variables declared directly inside the param( ) that opens at <paramref name="open"/>.</summary>
    private static IEnumerable<string> ParameterNames(IReadOnlyList<PsToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == PsTokenKind.Punct && IsOpener(token.Text))
            {
                depth++;
            }
            else if (token.Kind == PsTokenKind.Punct && token.Text is ")" or "}" or "]" && --depth == 0)
            {
                yield break;
            }
            else if (depth == 1 && token.Kind == PsTokenKind.Variable)
            {
                yield return token.Text;
            }
        }
    }

    /// <summary><c>. (Join-Path $PSScriptRoot 'FILE')</c> at <paramref name="index"/>: FILE, else null.</summary>
    private static string? DotSourcedFile(IReadOnlyList<PsToken> tokens, int index) =>
        index + 5 < tokens.Count && Is(tokens, index + 1, "(")
        && tokens[index + 2].Text.Equals("Join-Path", StringComparison.OrdinalIgnoreCase)
        && tokens[index + 3] is { Kind: PsTokenKind.Variable, Text: "PSScriptRoot" }
        && tokens[index + 4].Kind == PsTokenKind.String && Is(tokens, index + 5, ")")
            ? tokens[index + 4].Text
            : null;

    private void CheckBalance(string file, IReadOnlyList<PsToken> tokens)
    {
        var open = new Stack<PsToken>();
        foreach (var token in tokens.Where(t => t.Kind == PsTokenKind.Punct))
        {
            if (IsOpener(token.Text))
            {
                open.Push(token);
            }
            else if (token.Text is ")" or "}" or "]")
            {
                var expected = open.Count == 0 ? null : Closer(open.Peek().Text);
                if (expected != token.Text)
                {
                    _problems.Add(open.Count == 0
                        ? $"{file}:{token.Line}: {token.Text} closes nothing"
                        : $"{file}:{token.Line}: {token.Text} where {expected} closes {open.Peek().Text} of line {open.Peek().Line}");
                    return;
                }

                open.Pop();
            }
        }

        foreach (var unclosed in open)
        {
            _problems.Add($"{file}:{unclosed.Line}: {unclosed.Text} is never closed");
        }
    }

    private void CheckEntryStructure(string file, string text, IReadOnlyList<PsToken> tokens)
    {
        if (!RequiresVersion().IsMatch(text))
        {
            _problems.Add($"{file}: no #Requires -Version 5.1");
        }

        var significant = tokens.Where(t => t.Kind != PsTokenKind.Newline).Take(8).Select(t => t.Text.ToLowerInvariant()).ToList();
        var start = significant.Take(5).SequenceEqual(["[", "cmdletbinding", "(", ")", "]"]) ? 5 : 0;
        if (significant.Count < start + 2 || significant[start] != "param" || significant[start + 1] != "(")
        {
            _problems.Add($"{file}: does not start with a param() block (after comments and [CmdletBinding()])");
        }

        var words = string.Join(' ', tokens.Where(t => t.Kind != PsTokenKind.Newline).Select(t => t.Text));
        if (!words.Contains("Set-StrictMode -Version Latest", StringComparison.OrdinalIgnoreCase))
        {
            _problems.Add($"{file}: no Set-StrictMode -Version Latest");
        }

        if (!words.Contains("ErrorActionPreference = Stop", StringComparison.OrdinalIgnoreCase))
        {
            _problems.Add($"{file}: no $ErrorActionPreference = 'Stop'");
        }
    }

    private static bool IsCommandName(string word)
    {
        var dash = word.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && VerbNoun().IsMatch(word) && PsCommandTable.ApprovedVerbs.Contains(word[..dash]);
    }

    private static bool IsOpener(string text) => text is "(" or "{" or "[" or "$(" or "@(" or "@{";

    private static string Closer(string opener) => opener switch
    {
        "{" or "@{" => "}",
        "[" => "]",
        _ => ")",
    };

    private static bool Is(IReadOnlyList<PsToken> tokens, int index, string punct) =>
        index < tokens.Count && tokens[index].Kind == PsTokenKind.Punct && tokens[index].Text == punct;

    [GeneratedRegex("^[A-Za-z]+-[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex VerbNoun();

    [GeneratedRegex(@"(?mi)^#Requires -Version 5\.1\s*$")]
    private static partial Regex RequiresVersion();
}
