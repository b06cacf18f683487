using FtpMount.Cli.Config;
using FtpMount.Cli.Daemon;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;
using FtpMount.Ftp;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Tests.Config;

public sealed class ConfigArgumentsTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private IReadOnlyList<string> Expand(params string[] args) => ConfigArguments.Expand(args, _temp.Path, _temp.Path);

    private string WriteConfig(string name = "pub", string? extra = null)
    {
        var passwordFile = _temp.File(name + ".pw", "secret\n", Private);
        return _temp.File(name + ".conf",
            $"url = ftp://alice@h/\nmountpoint = /mnt/pub\noptions = ro,uid=1000\npassword_file = {passwordFile}\n{extra}", Public);
    }

    [Fact]
    public void Config_option_expands_to_the_command_line_with_later_options_winning()
    {
        var config = WriteConfig();
        var args = Expand("-f", "--config", config, "-o", "rw");
        Assert.Equal(["ftp://alice@h/", "/mnt/pub", "-o", "ro,uid=1000", "-o", $"password_file={_temp.Path}/pub.pw", "-f", "-o", "rw"], args);

        var request = Assert.IsType<MountCommand>(MountOptionsParser.Parse(args, "/")).Request;
        Assert.False(request.Options.ReadOnly);
        Assert.True(request.Options.Foreground);
        Assert.Equal(1000u, request.Options.Uid);
        Assert.Equal("/mnt/pub", request.MountPoint);
        // The background process is started with the expanded arguments: it does not read the file again.
        Assert.Equal(args, request.ArgumentsWithoutSecrets);
    }

    [Fact]
    public void Config_option_with_equals_and_relative_path_is_read_from_the_current_directory()
    {
        WriteConfig();
        Assert.Equal("ftp://alice@h/", Expand("--config=pub.conf")[0]);
    }

    [Fact]
    public void Mount_config_name_reads_the_mounts_directory()
    {
        WriteConfig("nas");
        var args = Expand("mount-config", "nas", "-f");
        Assert.Equal(["ftp://alice@h/", "/mnt/pub"], args.Take(2));
        Assert.Equal("-f", args[^1]);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Mount_config_refuses_names_that_are_paths(string name)
    {
        var error = Assert.Throws<CommandLineException>(() => Expand("mount-config", name));
        Assert.Contains("is not a config name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_config_without_a_name_says_where_it_looks()
    {
        var error = Assert.Throws<CommandLineException>(() => Expand("mount-config"));
        Assert.Equal($"Usage: ftpmount mount-config NAME [-f] [-o OPTION[,OPTION...]]; reads {_temp.Path}/NAME.conf.", error.Message);
    }

    [Fact]
    public void Unmount_with_config_unmounts_its_mount_point_without_reading_the_password_file()
    {
        var config = _temp.File("u.conf", "url = ftp://alice@h/\nmountpoint = /mnt/pub\npassword_file = /nonexistent/pw\n", Public);
        Assert.Equal(["unmount", "/mnt/pub"], Expand("unmount", "--config", config));
    }

    [Theory]
    [InlineData(new[] { "--config", "CONFIG", "ftp://h/", "/m" }, "--config FILE replaces SOURCE and MOUNTPOINT; give either the file or the two arguments.")]
    [InlineData(new[] { "--config", "CONFIG", "--config", "CONFIG" }, "Option --config is given twice; one config file per mount.")]
    [InlineData(new[] { "--config" }, "Option --config needs a file, e.g. --config /etc/ftpmount/mounts.d/pub.conf.")]
    [InlineData(new[] { "--config=" }, "Option --config needs a file, e.g. --config /etc/ftpmount/mounts.d/pub.conf.")]
    [InlineData(new[] { "unmount", "--config", "CONFIG", "/m" }, "Usage: ftpmount unmount --config FILE, without other arguments.")]
    public void Misused_config_option_is_a_usage_error(string[] args, string expected)
    {
        var config = WriteConfig();
        var error = Assert.Throws<CommandLineException>(() => Expand(args.Select(a => a == "CONFIG" ? config : a).ToArray()));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Other_commands_pass_unchanged()
    {
        string[] args = ["ftp://h/", "/m", "-o", "ro"];
        Assert.Same(args, ConfigArguments.Expand(args, "/", "/"));
        Assert.Equal(["status"], Expand("status"));
        Assert.Equal(["unmount", "/m"], Expand("unmount", "/m"));
    }

    [Fact]
    public async Task Bad_config_file_exits_with_usage_code_and_names_the_file()
    {
        var config = _temp.File("bad.conf", "url = ftp://h/\nmount = /m\n", Public);
        var (code, error) = await RunAsync("--config", config);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"ftpmount: {config}:2: unknown key \"mount\"; the keys are url, mountpoint, options, password_file.", error.Trim());
    }

    [Fact]
    public async Task Readable_password_file_exits_with_credentials_code()
    {
        var passwordFile = _temp.File("pw", "secret\n", Public);
        var config = _temp.File("c.conf", $"url = ftp://alice@h/\nmountpoint = /m\npassword_file = {passwordFile}\n", Public);
        var (code, error) = await RunAsync("--config", config);
        Assert.Equal(ExitCodes.Credentials, code);
        Assert.StartsWith($"ftpmount: {config}:3: key \"password_file\"", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await new CliHost(new UnusedRunner(), output, error).RunAsync(args);
        return (code, error.ToString());
    }

    private sealed class UnusedRunner : IMountRunner
    {
        public Task<int> RunAsync(
            MountRequest request, FtpCredentials credentials, IMountReadiness readiness, ILoggerFactory loggers, CancellationToken stop) =>
            throw new InvalidOperationException("A config error must stop ftpmount before it mounts.");
    }
}
