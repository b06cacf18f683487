using FtpMount.Dokan.Adapter;

namespace FtpMount.Dokan.Tests.Adapter;

/// <summary>
/// FsRtlIsNameInExpression semantics. Win32 hands the kernel translated patterns: "*.txt" arrives as "&lt;.txt",
/// "*." as "&lt;\"", "file?.txt" as "file&gt;.txt"; plain "*", "?" also arrive as themselves from NT callers.
/// </summary>
public sealed class DokanWildcardTests
{
    public static TheoryData<string, string, bool> Table => new()
    {
        { "*", "anything.at.all", true },
        { "", "empty pattern means all", true },
        { "*.txt", "a.txt", true },
        { "*.txt", "B.TXT", true },
        { "*.txt", "notes.txt.bak", false },
        { "*.txt", "txt", false },
        { "a?c*", "abc.log", true },
        { "a?c*", "axc", true },
        { "a?c*", "ABCD", true },
        { "a?c*", "ac", false },
        { "a?c*", "xabc", false },
        { "?", "a", true },
        { "?", "ab", false },
        { "exact.TXT", "Exact.txt", true },
        { "exact.txt", "exact.txt2", false },

        // DOS_STAR '<': any run that stops before the name's last period.
        { "<.txt", "a.txt", true },
        { "<.txt", "a.b.txt", true },
        { "<.txt", "a.txt.bak", false },

        // "*." (no extension) arrives as '<' '"'.
        { "<\"", "readme", true },
        { "<\"", "readme.md", false },

        // DOS_QM '>': one character, or none at a period or the end.
        { "file>.txt", "file1.txt", true },
        { "file>.txt", "file.txt", true },
        { "file>.txt", "file12.txt", false },
        { "ab>>", "ab", true },
        { "ab>>", "abc", true },
        { "ab>>", "abcde", false },

        // DOS_DOT '"': a period, or nothing at the end.
        { "a\"", "a", true },
        { "a\"", "a.", true },
        { "a\"b", "a.b", true },
        { "a\"b", "axb", false },
        { "*\"*", "x", true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Names_match_ms_dos_expressions_ignoring_case(string pattern, string name, bool expected) =>
        Assert.Equal(expected, DokanWildcard.IsMatch(pattern, name));
}
