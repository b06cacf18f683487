using FtpMount.Cli.Credentials;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Credentials;

public sealed class CredentialResolverTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => _temp.Dispose();

    private static MountRequest Request(params string[] args) =>
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(args, "/")).Request;

    private ResolvedCredentials Resolve(MountRequest request, IPasswordPrompt? prompt = null) =>
        new CredentialResolver(new CredentialContext
        {
            GetEnvironmentVariable = name => _environment.GetValueOrDefault(name),
            HomeDirectory = _temp.Path,
            Prompt = prompt,
        }).Resolve(request);

    private CredentialException Fails(MountRequest request) => Assert.Throws<CredentialException>(() => Resolve(request));

    [Fact]
    public void Password_file_with_mode_0600_is_read_first_line_only()
    {
        var file = _temp.File("pw", "s3cret with spaces \r\nsecond line\n", Private);
        _environment["FTPMOUNT_PASSWORD"] = "from-env";
        var resolved = Resolve(Request("ftp://alice@h/", "/m", "-o", "password_file=" + file));
        Assert.Equal("alice", resolved.Credentials.UserName);
        Assert.Equal("s3cret with spaces ", resolved.Credentials.Password);
        Assert.Contains(file, resolved.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead, "0440")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite, "0602")]
    public void Password_file_readable_or_writable_by_others_is_refused(UnixFileMode mode, string octal)
    {
        var file = _temp.File("pw", "s3cret\n", mode);
        var error = Fails(Request("ftp://alice@h/", "/m", "-o", "password_file=" + file));
        Assert.Contains(octal, error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600 " + file, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_password_file_is_an_error_not_skipped()
    {
        _environment["FTPMOUNT_PASSWORD"] = "from-env";
        var error = Fails(Request("ftp://alice@h/", "/m", "-o", "password_file=/nonexistent/pw"));
        Assert.Contains("/nonexistent/pw does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_environment_variable_is_used()
    {
        _environment["FTPMOUNT_PASSWORD"] = "from-env";
        var resolved = Resolve(Request("ftp://alice@h/", "/m"));
        Assert.Equal("from-env", resolved.Credentials.Password);
        Assert.Contains("FTPMOUNT_PASSWORD", resolved.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_environment_variable_replaces_the_default()
    {
        _environment["FTPMOUNT_PASSWORD"] = "default-env";
        _environment["NAS_PW"] = "named-env";
        Assert.Equal("named-env", Resolve(Request("ftp://alice@h/", "/m", "-o", "password_env=NAS_PW")).Credentials.Password);
    }

    [Fact]
    public void Named_environment_variable_that_is_unset_is_an_error()
    {
        _environment["FTPMOUNT_PASSWORD"] = "default-env";
        var error = Fails(Request("ftp://alice@h/", "/m", "-o", "password_env=NAS_PW"));
        Assert.Contains("password_env=NAS_PW", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Systemd_credential_comes_after_the_environment()
    {
        var credentials = Directory.CreateDirectory(Path.Combine(_temp.Path, "creds")).FullName;
        File.WriteAllText(Path.Combine(credentials, "ftpmount-password"), "from-systemd\n");
        _environment["CREDENTIALS_DIRECTORY"] = credentials;
        Assert.Equal("from-systemd", Resolve(Request("ftp://alice@h/", "/m")).Credentials.Password);
        _environment["FTPMOUNT_PASSWORD"] = "from-env";
        Assert.Equal("from-env", Resolve(Request("ftp://alice@h/", "/m")).Credentials.Password);
    }

    [Fact]
    public void Systemd_credential_directory_without_our_file_is_skipped()
    {
        _environment["CREDENTIALS_DIRECTORY"] = _temp.Path;
        Assert.Equal("in-url", Resolve(Request("ftp://alice:in-url@h/", "/m")).Credentials.Password);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void Empty_systemd_credential_is_skipped_for_the_unit_templates_fallback(string content)
    {
        var credentials = Directory.CreateDirectory(Path.Combine(_temp.Path, "creds")).FullName;
        File.WriteAllText(Path.Combine(credentials, "ftpmount-password"), content);
        _environment["CREDENTIALS_DIRECTORY"] = credentials;
        _temp.File(".netrc", "machine h login alice password from-netrc\n", Private);
        Assert.Equal("from-netrc", Resolve(Request("ftp://alice@h/", "/m")).Credentials.Password);
    }

    [Fact]
    public void Netrc_in_home_matches_host_and_user()
    {
        _temp.File(".netrc", """
            machine other.example login alice password wrong-host
            machine h login bob password wrong-user
            machine H login alice password right
            default login alice password from-default
            """, Private);
        var resolved = Resolve(Request("ftp://alice@h/", "/m"));
        Assert.Equal("right", resolved.Credentials.Password);
        Assert.Contains("machine H", resolved.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Netrc_default_entry_is_the_fallback()
    {
        _temp.File(".netrc", "machine other login alice password x\ndefault login alice password from-default\n", Private);
        Assert.Equal("from-default", Resolve(Request("ftp://alice@h/", "/m")).Credentials.Password);
    }

    [Fact]
    public void Netrc_supplies_the_user_when_none_is_given()
    {
        _temp.File(".netrc", "machine h login carol password pw\n", Private);
        var credentials = Resolve(Request("ftp://h/", "/m")).Credentials;
        Assert.Equal("carol", credentials.UserName);
        Assert.Equal("pw", credentials.Password);
    }

    [Fact]
    public void Netrc_readable_by_others_is_refused()
    {
        var netrc = _temp.File(".netrc", "machine h login alice password pw\n", WorldReadable);
        var error = Fails(Request("ftp://alice@h/", "/m"));
        Assert.Contains(netrc, error.Message, StringComparison.Ordinal);
        Assert.Contains("0644", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_netrc_path_is_used_and_must_exist()
    {
        var netrc = _temp.File("ftp.netrc", "machine h login alice password explicit\n", Private);
        Assert.Equal("explicit", Resolve(Request("ftp://alice@h/", "/m", "-o", "netrc=" + netrc)).Credentials.Password);
        var error = Fails(Request("ftp://alice@h/", "/m", "-o", "netrc=/nonexistent/netrc"));
        Assert.Contains("/nonexistent/netrc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_password_is_used_when_nothing_else_is_there()
    {
        var resolved = Resolve(Request("ftp://alice:p%40ss@h/", "/m"));
        Assert.Equal("p@ss", resolved.Credentials.Password);
        Assert.Equal("the URL", resolved.Source);
    }

    [Fact]
    public void Prompt_is_last_and_gets_user_and_host()
    {
        var prompt = new RecordingPrompt("typed");
        Assert.Equal("typed", Resolve(Request("ftp://alice@h/", "/m"), prompt).Credentials.Password);
        Assert.Equal("Password for alice@h: ", prompt.Shown);
    }

    [Fact]
    public void Without_a_terminal_and_without_sources_the_error_lists_the_sources()
    {
        var error = Fails(Request("ftp://alice@nas.example/", "/m"));
        Assert.Contains("No password for user alice on host nas.example", error.Message, StringComparison.Ordinal);
        foreach (var source in new[] { "password_file=", "FTPMOUNT_PASSWORD", "~/.netrc", "CREDENTIALS_DIRECTORY" })
        {
            Assert.Contains(source, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Prompt_given_up_is_the_same_error()
    {
        var error = Assert.Throws<CredentialException>(() => Resolve(Request("ftp://alice@h/", "/m"), new RecordingPrompt(null)));
        Assert.Contains("No password for user alice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_user_means_anonymous_and_ignores_the_default_environment()
    {
        _environment["FTPMOUNT_PASSWORD"] = "from-env";
        var credentials = Resolve(Request("ftp://h/", "/m")).Credentials;
        Assert.Equal("anonymous", credentials.UserName);
        Assert.NotEqual("from-env", credentials.Password);
    }

    [Fact]
    public void Password_sources_without_a_user_are_an_error()
    {
        var file = _temp.File("pw", "x\n", Private);
        Assert.Contains("no user name", Fails(Request("ftp://h/", "/m", "-o", "password_file=" + file)).Message, StringComparison.Ordinal);
        Assert.Contains("no user name", Fails(Request("ftp://h/", "/m", "-o", "password_env=X")).Message, StringComparison.Ordinal);
    }

    private sealed class RecordingPrompt(string? answer) : IPasswordPrompt
    {
        public string? Shown { get; private set; }

        public string? ReadPassword(string prompt)
        {
            Shown = prompt;
            return answer;
        }
    }
}
