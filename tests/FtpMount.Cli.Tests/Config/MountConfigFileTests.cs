using FtpMount.Cli.Config;

namespace FtpMount.Cli.Tests.Config;

public sealed class MountConfigFileTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Config(string passwordFile) =>
        _temp.File("pub.conf", $"url = ftp://alice@h/\nmountpoint = /mnt/pub\npassword_file = {passwordFile}\n", Public);

    [Fact]
    public void Mount_config_names_live_in_etc_for_root_and_in_the_users_config_folder_otherwise()
    {
        string? Env(string name) => name switch { "HOME" => "/home/alice", _ => null };
        string? Xdg(string name) => name switch { "HOME" => "/home/alice", "XDG_CONFIG_HOME" => "/home/alice/cfg", _ => null };
        string? Relative(string name) => name switch { "HOME" => "/home/alice", "XDG_CONFIG_HOME" => "cfg", _ => null };
        Assert.Equal("/etc/ftpmount/mounts.d", MountConfigFile.DirectoryFor(0, Xdg));
        Assert.Equal("/home/alice/.config/ftpmount/mounts.d", MountConfigFile.DirectoryFor(1000, Env));
        Assert.Equal("/home/alice/cfg/ftpmount/mounts.d", MountConfigFile.DirectoryFor(1000, Xdg));
        Assert.Equal("/home/alice/.config/ftpmount/mounts.d", MountConfigFile.DirectoryFor(1000, Relative));
    }

    [Fact]
    public void Config_file_itself_may_be_world_readable_and_private_password_file_passes()
    {
        var passwordFile = _temp.File("pw", "secret\n", Private);
        var config = MountConfigFile.Load(Config(passwordFile), checkPasswordFile: true);
        Assert.Equal(passwordFile, config.PasswordFile!.Value.Value);
    }

    [Theory]
    [InlineData(Public, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite, "0602")]
    public void Password_file_readable_by_group_or_others_is_refused_naming_file_line_and_key(UnixFileMode mode, string octal)
    {
        var passwordFile = _temp.File("pw", "secret\n", mode);
        var config = Config(passwordFile);
        var error = Assert.Throws<ConfigFileException>(() => MountConfigFile.Load(config, checkPasswordFile: true));
        Assert.StartsWith($"{config}:3: key \"password_file\": password_file {passwordFile} is readable or writable by group or others (mode {octal})",
            error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600 " + passwordFile, error.Message, StringComparison.Ordinal);
        Assert.True(error.IsCredentialProblem);
    }

    [Fact]
    public void Missing_password_file_is_refused()
    {
        var config = Config("/nonexistent/pw");
        var error = Assert.Throws<ConfigFileException>(() => MountConfigFile.Load(config, checkPasswordFile: true));
        Assert.Equal($"{config}:3: key \"password_file\": password_file /nonexistent/pw does not exist.", error.Message);
    }

    [Fact]
    public void Unmounting_does_not_need_the_password_file()
    {
        var config = MountConfigFile.Load(Config("/nonexistent/pw"), checkPasswordFile: false);
        Assert.Equal("/mnt/pub", config.MountPoint.Value);
    }

    [Fact]
    public void Missing_config_file_is_named()
    {
        var path = Path.Combine(_temp.Path, "absent.conf");
        var error = Assert.Throws<ConfigFileException>(() => MountConfigFile.Load(path, checkPasswordFile: true));
        Assert.Equal($"{path}: no such config file.", error.Message);
        Assert.False(error.IsCredentialProblem);
    }

    [Fact]
    public void Directory_instead_of_config_file_is_named()
    {
        var error = Assert.Throws<ConfigFileException>(() => MountConfigFile.Load(_temp.Path, checkPasswordFile: true));
        Assert.Equal($"{_temp.Path}: is a directory, not a config file.", error.Message);
    }

    [Fact]
    public void Oversized_config_file_is_refused()
    {
        var path = _temp.File("big.conf", "# " + new string('x', 70_000) + "\n", Public);
        var error = Assert.Throws<ConfigFileException>(() => MountConfigFile.Load(path, checkPasswordFile: true));
        Assert.Equal($"{path}: is larger than 64 KiB; a mount config is a few lines.", error.Message);
    }
}
