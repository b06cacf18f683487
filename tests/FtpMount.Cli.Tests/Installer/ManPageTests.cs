using System.Text.RegularExpressions;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Installer;

/// <summary>installer/linux/ftpmount.1 keeps up with <c>ftpmount --help</c> and the exit codes.</summary>
public partial class ManPageTests
{
    private static readonly string ManPage = File.ReadAllText(Path.Combine(InstallerPaths.RepositoryRoot, "installer", "linux", "ftpmount.1"))
        .Replace("\\-", "-", StringComparison.Ordinal)
        .Replace("\\fR", string.Empty, StringComparison.Ordinal)
        .Replace("\\fP", string.Empty, StringComparison.Ordinal);

    public static TheoryData<string> HelpOptions()
    {
        var data = new TheoryData<string>();
        var options = UsageText.Help[UsageText.Help.IndexOf("Options (-o):", StringComparison.Ordinal)..];
        foreach (Match match in OptionLine().Matches(options))
        {
            foreach (var name in match.Groups[1].Value.Split(", "))
            {
                data.Add(name.Split('=')[0].Split('|')[0]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HelpOptions))]
    public void Every_option_of_help_is_in_the_man_page(string option)
    {
        // On a .B/.BI/.BR line (an option entry or the synopsis), as a whole word.
        Assert.Matches($@"(?m)^\.(B|BI|BR) .*(?<![\w-]){Regex.Escape(option)}(?![\w-])", ManPage);
    }

    [Fact]
    public void Help_lists_the_options_parsed_here()
    {
        Assert.Contains("password_file", HelpOptions().Select(row => row.Data));
        Assert.True(HelpOptions().Count > 20);
    }

    [Theory]
    [InlineData(ExitCodes.Success)]
    [InlineData(ExitCodes.Failure)]
    [InlineData(ExitCodes.Usage)]
    [InlineData(ExitCodes.Mountpoint)]
    [InlineData(ExitCodes.Credentials)]
    [InlineData(ExitCodes.Unreachable)]
    [InlineData(ExitCodes.AuthenticationFailed)]
    [InlineData(ExitCodes.TlsFailed)]
    [InlineData(ExitCodes.NotReady)]
    [InlineData(ExitCodes.Interrupted)]
    public void Every_exit_code_is_in_the_man_page(int code)
    {
        var exitStatus = ManPage[ManPage.IndexOf(".SH EXIT STATUS", StringComparison.Ordinal)..ManPage.IndexOf(".SH EXAMPLES", StringComparison.Ordinal)];
        Assert.Contains($".TP\n.B {code}\n", exitStatus, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^  (\S+(?:, \S+)*)  ")]
    private static partial Regex OptionLine();
}
