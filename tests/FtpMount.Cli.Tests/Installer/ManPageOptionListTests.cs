using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Installer;

/// <summary>The man page's <c>-o</c> list is what the option table generates, and every parsed option is in the table.</summary>
public sealed class ManPageOptionListTests
{
    private const string RegenerateVariable = "FTPMOUNT_WRITE_MAN_PAGE";

    private static string ManPagePath => Path.Combine(InstallerPaths.RepositoryRoot, "installer", "linux", "ftpmount.1");

    [Fact]
    public void Man_page_option_list_is_the_one_the_option_table_generates()
    {
        var committed = File.ReadAllText(ManPagePath);
        var generated = ManPageOptionList.ReplaceIn(committed);
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1" && generated != committed)
        {
            File.WriteAllText(ManPagePath, generated);
            committed = generated;
        }

        Assert.True(
            generated == committed,
            "installer/linux/ftpmount.1 differs from what src/FtpMount.Cli/Options/MountOptionDescriptors.cs generates. " +
            $"Regenerate it with: {RegenerateVariable}=1 dotnet test tests/FtpMount.Cli.Tests/FtpMount.Cli.Tests.csproj -c Release " +
            "--filter FullyQualifiedName~ManPageOptionListTests (then commit the man page).");
    }

    [Fact]
    public void Every_table_entry_is_in_the_help_and_in_the_man_page_once()
    {
        var manPage = File.ReadAllText(ManPagePath);
        foreach (var option in MountOptionDescriptors.All)
        {
            Assert.Contains("\n  " + option.HelpTerm, UsageText.Help, StringComparison.Ordinal);
            Assert.Single(AllIndexesOf(manPage, $".TP\n{option.ManTerm}\n"));
        }
    }

    [Fact]
    public void The_table_holds_every_option_name_once()
    {
        var names = MountOptionDescriptors.All.SelectMany(entry => entry.Handlers).Select(handler => handler.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            [
                "active", "allow_other", "allow_root", "attr_timeout", "bwlimit", "cache", "cache_dir", "cache_max_age", "cache_max_size",
                "connect_timeout", "daemon_timeout",
                "default_permissions", "dir_cache_ttl", "encoding", "fingerprint", "foreground", "fsname", "ftp_user", "gid",
                "log_file", "log_level", "max_connections",
                "negative_ttl", "netrc", "network", "no_pipelining", "no_prefetch", "no_segments", "passive", "password_env", "password_file", "pipelining",
                "poll_interval", "prefetch", "read_only", "ro", "rw", "segments", "spool_dir", "symlinks", "timeout", "tls", "tls_host", "uid",
                "umask", "user", "writeback", "writeback_delay",
            ],
            names.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<int> AllIndexesOf(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
