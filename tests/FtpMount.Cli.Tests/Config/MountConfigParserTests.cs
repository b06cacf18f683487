using FtpMount.Cli.Config;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Config;

public class MountConfigParserTests
{
    private const string File = "/etc/ftpmount/mounts.d/pub.conf";

    private static MountConfig Parse(string text, bool allowDriveLetters = false) =>
        MountConfigParser.Parse(File, text, allowDriveLetters);

    private static string Fails(string text, bool allowDriveLetters = false) =>
        Assert.Throws<ConfigFileException>(() => Parse(text, allowDriveLetters)).Message;

    [Fact]
    public void Full_file_becomes_the_command_line_it_stands_for()
    {
        var config = Parse("""
            # NAS share, mounted at boot by ftpmount@pub.service
            url = ftp://alice@nas.example:2121/pub
            mountpoint = /mnt/pub
            options = ro,uid=1000,tls=explicit
            password_file = /etc/ftpmount/credentials/pub
            """);
        Assert.Equal(
            ["ftp://alice@nas.example:2121/pub", "/mnt/pub", "-o", "ro,uid=1000,tls=explicit", "-o", "password_file=/etc/ftpmount/credentials/pub"],
            config.ToArguments());
        Assert.Equal(2, config.Url.Line);
        Assert.Equal(5, config.PasswordFile!.Value.Line);
    }

    [Theory]
    [InlineData("url=ftp://h/\nmountpoint=/m\n", new[] { "ftp://h/", "/m" })]
    [InlineData("  url   =   ftp://h/  \r\n\tmountpoint\t=\t/m\r\n", new[] { "ftp://h/", "/m" })]
    [InlineData("\uFEFFurl = ftp://h/\nmountpoint = /m", new[] { "ftp://h/", "/m" })]
    [InlineData("URL = ftp://h/\nMountPoint = /m\n", new[] { "ftp://h/", "/m" })]
    [InlineData("; comment\n# comment = with equals\n\nurl = ftp://h/\nmountpoint = /m\noptions =\n", new[] { "ftp://h/", "/m" })]
    [InlineData("url = ftp://h/a%23b\nmountpoint = /mnt/with # hash\n", new[] { "ftp://h/a%23b", "/mnt/with # hash" })]
    [InlineData("url = ftps://h/\nmountpoint = /m\noptions = allow_other,fingerprint=aa:bb\n", null)]
    [InlineData("url = ftp://h/\nmountpoint = /m\npassword_file = /etc/a,b\\c\n",
        new[] { "ftp://h/", "/m", "-o", "password_file=/etc/a\\,b\\\\c" })]
    public void Accepted_files(string text, string[]? arguments)
    {
        if (arguments is null)
        {
            // fingerprint=aa:bb is not a SHA-256: the options are checked as the command line would check them.
            Assert.Contains("fingerprint=aa:bb", Fails(text), StringComparison.Ordinal);
            return;
        }

        Assert.Equal(arguments, Parse(text).ToArguments());
    }

    [Fact]
    public void Escaped_password_file_parses_back_to_the_same_path()
    {
        var config = Parse("url = ftp://alice@h/\nmountpoint = /m\npassword_file = /etc/a,b\\c\n");
        var request = Assert.IsType<MountCommand>(MountOptionsParser.Parse(config.ToArguments(), "/")).Request;
        Assert.Equal("/etc/a,b\\c", request.Options.PasswordFile);
    }

    [Theory]
    [InlineData("url = ftp://h/\nmountpoint = /m\nmount_point = /x\n", ":3: unknown key \"mount_point\"; the keys are url, mountpoint, options, password_file.")]
    [InlineData("url = ftp://h/\nmountpoint = /m\nurl = ftp://other/\n", ":3: key \"url\" is given twice (first on line 1).")]
    [InlineData("url = ftp://h/\nmountpoint =\n", ":2: key \"mountpoint\" has no value.")]
    [InlineData("url = ftp://h/\njust some words\n", ":2: expected \"key = value\" (keys: url, mountpoint, options, password_file); comments start with #.")]
    [InlineData("= value\n", ":1: expected \"key = value\"")]
    [InlineData("mountpoint = /m\n", ": key \"url\" is missing: the FTP URL to mount, e.g. url = ftp://alice@example.org/pub.")]
    [InlineData("url = ftp://h/\n", ": key \"mountpoint\" is missing: the absolute path to mount on, e.g. mountpoint = /mnt/pub.")]
    [InlineData("url = ftp://h/\nmountpoint = mnt/pub\n", ":2: key \"mountpoint\": \"mnt/pub\" is not an absolute path.")]
    [InlineData("url = ftp://h/\nmountpoint = X:\n", ":2: key \"mountpoint\": \"X:\" is not an absolute path.")]
    [InlineData("url = http://h/\nmountpoint = /m\n", ":1: key \"url\": SOURCE \"http://h/\" must start with ftp:// or ftps://.")]
    [InlineData("url = ftp://h/\nmountpoint = /m\npassword_file = pw\n", ":3: key \"password_file\": \"pw\" is not an absolute path.")]
    [InlineData("url = ftp://h/\nmountpoint = /m\noptions = ro,bogus\n", ":3: key \"options\": Unknown option \"bogus\" in -o; see ftpmount --help.")]
    [InlineData("url = ftp://h/\nmountpoint = /m\noptions = fingerprint=" +
        "0000000000000000000000000000000000000000000000000000000000000000\n",
        ":3: key \"options\": Option fingerprint= needs TLS: add tls=explicit or use an ftps:// URL.")]
    [InlineData("url = ftps://h/\nmountpoint = /m\n\noptions = tls=none\n", ":4: key \"options\": Option tls=none contradicts the ftps:// URL")]
    public void Each_error_names_the_file_the_line_and_the_key(string text, string expected)
    {
        var message = Fails(text);
        Assert.StartsWith(File + expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("Pass")]
    [InlineData("passwd")]
    public void Password_key_is_refused_without_echoing_it(string key)
    {
        var message = Fails($"url = ftp://alice@h/\nmountpoint = /m\n{key} = hunter2\n");
        Assert.StartsWith($"{File}:3: key \"{key.ToLowerInvariant()}\" is refused: a password does not belong in a config file.", message, StringComparison.Ordinal);
        Assert.Contains("password_file", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_in_the_url_is_refused_without_echoing_it()
    {
        var message = Fails("url = ftp://alice:hunter2@h/\nmountpoint = /m\n");
        Assert.StartsWith($"{File}:1: key \"url\" contains a password (user:password@)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_option_inside_options_is_refused_without_echoing_it()
    {
        var message = Fails("url = ftp://alice@h/\nmountpoint = /m\noptions = ro,password=hunter2\n");
        Assert.StartsWith($"{File}:3: key \"options\": Option password= is not accepted", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_line_is_not_echoed()
    {
        var message = Fails("url = ftp://alice@h/\nmountpoint = /m\nhunter2\n");
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X:")]
    [InlineData("x:\\")]
    public void Drive_letters_are_mount_points_where_allowed(string driveLetter)
    {
        var config = Parse($"url = ftp://h/\nmountpoint = {driveLetter}\n", allowDriveLetters: true);
        Assert.Equal(driveLetter, config.MountPoint.Value);
    }

    [Fact]
    public void Drive_letter_error_says_what_is_allowed_where_allowed()
    {
        var message = Fails("url = ftp://h/\nmountpoint = pub\n", allowDriveLetters: true);
        Assert.EndsWith(":2: key \"mountpoint\": \"pub\" is not an absolute path or a drive letter such as X:.", message, StringComparison.Ordinal);
    }
}
