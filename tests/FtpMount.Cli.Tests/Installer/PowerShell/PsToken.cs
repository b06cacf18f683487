namespace FtpMount.Cli.Tests.Installer.PowerShell;

internal enum PsTokenKind
{
    /// <summary>A bare word: command name, keyword, argument, type name part, number.</summary>
    Word,

    /// <summary><c>-Name</c>: a parameter in command mode, an operator (-eq, -and) in expression mode.</summary>
    Parameter,

    /// <summary><c>$name</c>, <c>$env:X</c>, <c>${x}</c>; Text is the name without <c>$</c>.</summary>
    Variable,

    /// <summary>A whole string literal (its interpolated variables and subexpressions are separate tokens).</summary>
    String,

    /// <summary>( ) { } [ ] , ; | = and friends; <c>$(</c>, <c>@(</c> and <c>@{</c> open like ( and {.</summary>
    Punct,

    /// <summary>The end of a line that is not continued with a backtick.</summary>
    Newline,
}

/// <summary>One token of a PowerShell script, with the line it starts on.</summary>
internal readonly record struct PsToken(PsTokenKind Kind, string Text, int Line);
