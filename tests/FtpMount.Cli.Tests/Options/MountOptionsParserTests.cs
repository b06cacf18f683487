using FtpMount.Cli.Options;
using FtpMount.Ftp.Data;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Tests.Options;

public class MountOptionsParserTests
{
    private const string Cwd = "/home/alice";

    private static MountRequest Mount(params string[] args) =>
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(args, Cwd)).Request;

    private static CommandLineException Fails(params string[] args) =>
        Assert.Throws<CommandLineException>(() => MountOptionsParser.Parse(args, Cwd));

    [Fact]
    public void Minimal_command_uses_defaults()
    {
        var request = Mount("ftp://example.org", "mnt");
        Assert.Equal("example.org", request.Host);
        Assert.Equal(21, request.Port);
        Assert.Equal("/", request.RemotePath);
        Assert.Equal("/home/alice/mnt", request.MountPoint);
        Assert.Null(request.UserName);
        Assert.Equal(FtpTlsMode.None, request.TlsMode);
        Assert.Equal(FtpDataConnectionMode.Passive, request.Options.DataConnectionMode);
        Assert.False(request.Options.Foreground);
        Assert.False(request.Options.ReadOnly);
        Assert.Equal(LogLevel.Information, request.Options.LogLevel);
        Assert.Equal(TimeSpan.FromSeconds(60), request.Options.DaemonTimeout);
        Assert.Equal("ftp://example.org/", request.FileSystemName);
        Assert.Null(request.Options.MaxConnections);
        Assert.Null(request.Options.DirectoryCacheTtl);
        Assert.Empty(request.KernelMountOptions);
    }

    [Fact]
    public void Mount_fuse3_argv_from_an_fstab_line_is_accepted()
    {
        // /etc/fstab: ftp://alice@nas/share /mnt/nas fuse.ftpmount rw,nosuid,nodev,_netdev,noauto,x-systemd.automount,uid=1000 0 0
        // mount.fuse3 runs: ftpmount 'ftp://alice@nas/share' '/mnt/nas' '-o' 'rw,nosuid,nodev,_netdev,...'
        var request = Mount("ftp://alice@nas/share", "/mnt/nas", "-o",
            "rw,nosuid,nodev,noexec,noatime,_netdev,noauto,nofail,user,users,nouser,auto,defaults,x-systemd.automount," +
            "x-systemd.idle-timeout=60,x-systemd.requires=network-online.target,comment=x-gvfs-show,uid=1000");
        Assert.Equal("/mnt/nas", request.MountPoint);
        Assert.Equal("alice", request.UserName);
        Assert.Equal(1000u, request.Options.Uid);
        Assert.Equal(["nosuid", "nodev", "noexec", "noatime"], request.KernelMountOptions);
        Assert.False(request.Options.ReadOnly);
    }

    [Fact]
    public void Dev_and_suid_appended_by_mount_fuse3_are_accepted_and_left_to_the_binding_to_override()
    {
        // mount.fuse3 adds them on its own; refusing them would break fstab mounts. FuseArguments then mounts
        // nosuid,nodev whatever arrives (FuseMountOptionsTests and SetuidTests prove that part).
        var request = Mount("ftp://h/", "/mnt", "-o", "allow_other,dev,suid");
        Assert.Equal(["dev", "suid"], request.KernelMountOptions);
        Assert.True(request.Options.AllowOther);
    }

    [Fact]
    public void Options_may_come_before_positionals_attached_or_repeated()
    {
        var request = Mount("-oro", "-o", "uid=5", "ftp://h/", "-f", "/mnt", "-o", "gid=6,foreground");
        Assert.True(request.Options.ReadOnly);
        Assert.Equal(5u, request.Options.Uid);
        Assert.Equal(6u, request.Options.Gid);
        Assert.True(request.Options.Foreground);
        Assert.Equal("/mnt", request.MountPoint);
    }

    [Fact]
    public void Later_options_win_as_in_mount()
    {
        Assert.False(Mount("ftp://h/", "/m", "-o", "ro,rw").Options.ReadOnly);
        Assert.True(Mount("ftp://h/", "/m").Options.PrefetchSiblings);
        Assert.False(Mount("ftp://h/", "/m", "-o", "no_prefetch").Options.PrefetchSiblings);
        Assert.True(Mount("ftp://h/", "/m", "-o", "no_prefetch,prefetch").Options.PrefetchSiblings);
        Assert.True(Mount("ftp://h/", "/m").Options.ParallelSegments);
        Assert.False(Mount("ftp://h/", "/m", "-o", "no_segments").Options.ParallelSegments);
        Assert.True(Mount("ftp://h/", "/m", "-o", "no_segments,segments").Options.ParallelSegments);
        Assert.True(Mount("ftp://h/", "/m").ToFtpClientOptions(new FtpMount.Ftp.FtpCredentials("u", "p")).Pipelining);
        Assert.False(Mount("ftp://h/", "/m", "-o", "no_pipelining").ToFtpClientOptions(new FtpMount.Ftp.FtpCredentials("u", "p")).Pipelining);
        Assert.True(Mount("ftp://h/", "/m", "-o", "no_pipelining,pipelining").Options.Pipelining);
        Assert.True(Mount("ftp://h/", "/m", "-o", "rw,read_only").Options.ReadOnly);
        Assert.Equal(FtpDataConnectionMode.Active, Mount("ftp://h/", "/m", "-o", "passive,active").Options.DataConnectionMode);
        Assert.Equal(
            FtpDataConnectionMode.Passive, Mount("ftp://h/", "/m", "-o", "active", "-o", "passive").Options.DataConnectionMode);
        Assert.Equal(7u, Mount("ftp://h/", "/m", "-o", "uid=6,uid=7").Options.Uid);
    }

    [Fact]
    public void Every_option_is_typed()
    {
        var request = Mount("ftp://h/pub", "rel/mp", "-o",
            "allow_root,default_permissions,uid=0,gid=100,umask=027,dir_cache_ttl=2.5,attr_timeout=0,negative_ttl=0.25," +
            "max_connections=8,tls=explicit,fingerprint=AB:cd:" + new string('0', 60) + ",tls_host=cert.example.org," +
            "active,log_level=trace,user=bob,password_file=pw.txt,password_env=MY_PW,netrc=/etc/ftp.netrc," +
            "spool_dir=/var/spool/ftpmount,fsname=nas,connect_timeout=3,daemon_timeout=90,log_file=logs/mount.log");
        Assert.True(request.Options.AllowRoot);
        Assert.True(request.Options.DefaultPermissions);
        Assert.Equal(0u, request.Options.Uid);
        Assert.Equal(100u, request.Options.Gid);
        Assert.Equal(0x17, request.Options.Umask);
        Assert.Equal(TimeSpan.FromSeconds(2.5), request.Options.DirectoryCacheTtl);
        Assert.Equal(TimeSpan.Zero, request.Options.AttributeTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), request.Options.NegativeTtl);
        Assert.Equal(8, request.Options.MaxConnections);
        Assert.Equal(FtpTlsMode.Explicit, request.TlsMode);
        Assert.Equal(21, request.Port);
        Assert.Equal("abcd" + new string('0', 60), request.Options.CertificateSha256);
        Assert.Equal("cert.example.org", request.Options.TlsHostName);
        Assert.Equal(FtpDataConnectionMode.Active, request.Options.DataConnectionMode);
        Assert.Equal(LogLevel.Trace, request.Options.LogLevel);
        Assert.Equal("bob", request.UserName);
        Assert.Equal("/home/alice/pw.txt", request.Options.PasswordFile);
        Assert.Equal("MY_PW", request.Options.PasswordEnvironmentVariable);
        Assert.Equal("/etc/ftp.netrc", request.Options.NetrcFile);
        Assert.Equal("/var/spool/ftpmount", request.Options.SpoolDirectory);
        Assert.Equal("nas", request.FileSystemName);
        Assert.Equal(TimeSpan.FromSeconds(3), request.Options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), request.Options.DaemonTimeout);
        Assert.Equal("/home/alice/logs/mount.log", request.Options.LogFile);
        Assert.Equal("/home/alice/rel/mp", request.MountPoint);
        Assert.Equal("/pub", request.RemotePath);
    }

    [Theory]
    [InlineData("ftp://h/", null, FtpTlsMode.None, 21)]
    [InlineData("ftp://h/", "tls=explicit", FtpTlsMode.Explicit, 21)]
    [InlineData("ftp://h/", "tls=implicit", FtpTlsMode.Implicit, 990)]
    [InlineData("ftp://h:2990/", "tls=implicit", FtpTlsMode.Implicit, 2990)]
    [InlineData("ftps://h/", null, FtpTlsMode.Implicit, 990)]
    [InlineData("ftps://h/", "tls=implicit", FtpTlsMode.Implicit, 990)]
    public void Tls_mode_and_default_port_follow_scheme_and_option(string source, string? option, FtpTlsMode mode, int port)
    {
        var request = option is null ? Mount(source, "/m") : Mount(source, "/m", "-o", option);
        Assert.Equal(mode, request.TlsMode);
        Assert.Equal(port, request.Port);
    }

    [Fact]
    public void Writeback_is_off_unless_asked_for_and_takes_a_delay()
    {
        Assert.False(Mount("ftp://h/", "mp").Options.WriteBack);
        var request = Mount("ftp://h/", "mp", "-o", "writeback,writeback_delay=0.5");
        Assert.True(request.Options.WriteBack);
        Assert.Equal(TimeSpan.FromSeconds(0.5), request.Options.WriteBackDelay);
    }

    [Fact]
    public void User_in_url_wins_over_user_option_and_ftp_user_over_user()
    {
        Assert.Equal("alice", Mount("ftp://alice@h/", "/m", "-o", "user=bob,ftp_user=carol").UserName);
        Assert.Equal("carol", Mount("ftp://h/", "/m", "-o", "user=bob,ftp_user=carol").UserName);
        Assert.Equal("bob", Mount("ftp://h/", "/m", "-o", "user=bob").UserName);
    }

    [Fact]
    public void Backslash_escapes_a_comma_in_a_value()
    {
        Assert.Equal("/tmp/a,b", Mount("ftp://h/", "/m", "-o", @"password_file=/tmp/a\,b").Options.PasswordFile);
    }

    [Fact]
    public void Dev_fd_mount_point_from_drop_privileges_is_kept_as_a_descriptor()
    {
        var request = Mount("ftp://h/", "/dev/fd/5");
        Assert.Equal("/dev/fd/5", request.MountPoint);
        Assert.Equal(5, request.FuseFileDescriptor);
    }

    [Fact]
    public void Arguments_without_secrets_drop_the_url_password_and_parse_back()
    {
        string[] args = ["-o", "ro", "ftp://alice:hunter2@h/pub", "/m", "-o", "uid=1"];
        var request = Mount(args);
        Assert.DoesNotContain(request.ArgumentsWithoutSecrets, a => a.Contains("hunter2", StringComparison.Ordinal));
        Assert.Equal(["-o", "ro", "ftp://alice@h/pub", "/m", "-o", "uid=1"], request.ArgumentsWithoutSecrets);
        var again = Mount([.. request.ArgumentsWithoutSecrets]);
        Assert.Equal(request.UserName, again.UserName);
        Assert.Equal(request.Options.ReadOnly, again.Options.ReadOnly);
        Assert.Equal(request.Options.Uid, again.Options.Uid);
        Assert.DoesNotContain("hunter2", request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uid=abc", "uid=abc")]
    [InlineData("uid=-1", "uid=-1")]
    [InlineData("uid=4294967295", "uid=4294967295")]
    [InlineData("gid=", "gid=")]
    [InlineData("umask=8", "umask=8")]
    [InlineData("umask=1777", "umask=1777")]
    [InlineData("umask=0x12", "umask=0x12")]
    [InlineData("dir_cache_ttl=abc", "dir_cache_ttl=abc")]
    [InlineData("attr_timeout=-1", "attr_timeout=-1")]
    [InlineData("negative_ttl=1e3", "negative_ttl=1e3")]
    [InlineData("writeback_delay=-2", "writeback_delay=-2")]
    [InlineData("writeback=yes", "writeback=yes")]
    [InlineData("connect_timeout=0", "connect_timeout=0")]
    [InlineData("daemon_timeout=0", "daemon_timeout=0")]
    [InlineData("dir_cache_ttl=99999999", "dir_cache_ttl=99999999")]
    [InlineData("max_connections=0", "max_connections=0")]
    [InlineData("max_connections=257", "max_connections=257")]
    [InlineData("tls=yes", "tls=yes")]
    [InlineData("tls=explicit,fingerprint=abc", "fingerprint=abc")]
    [InlineData("tls=explicit,tls_host=a b", "tls_host=a b")]
    [InlineData("log_level=verbose", "log_level=verbose")]
    [InlineData("password_env=1BAD", "password_env=1BAD")]
    [InlineData("password_env=A-B", "password_env=A-B")]
    [InlineData("ro=1", "ro=1")]
    [InlineData("allow_other=yes", "allow_other=yes")]
    [InlineData("fsname=", "fsname=")]
    [InlineData("spool_dir=", "spool_dir=")]
    [InlineData("user=", "user=")]
    public void Bad_values_are_named_with_option_and_value(string options, string expected)
    {
        var error = Fails("ftp://h/", "/m", "-o", options);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_option_is_named_but_its_value_is_not_echoed()
    {
        var error = Fails("ftp://h/", "/m", "-o", "ro,pasword=hunter2");
        Assert.Contains("\"pasword\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_option_is_refused_without_echoing_it()
    {
        var error = Fails("ftp://h/", "/m", "-o", "password=hunter2");
        Assert.Contains("password=", error.Message, StringComparison.Ordinal);
        Assert.Contains("password_file=", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "ftp://h/" }, "got 1 argument")]
    [InlineData(new string[0], "got 0 argument")]
    [InlineData(new[] { "ftp://h/", "/m", "/extra" }, "got 3 argument")]
    [InlineData(new[] { "ftp://h/", "/m", "-x" }, "\"-x\"")]
    [InlineData(new[] { "ftp://h/", "/m", "--debug" }, "\"--debug\"")]
    [InlineData(new[] { "ftp://h/", "/m", "-o" }, "-o needs")]
    [InlineData(new[] { "ftp://h/", "" }, "MOUNTPOINT")]
    [InlineData(new[] { "ftps://h/", "/m", "-o", "tls=explicit" }, "tls=explicit contradicts")]
    [InlineData(new[] { "ftps://h/", "/m", "-o", "tls=none" }, "tls=none contradicts")]
    [InlineData(new[] { "ftp://h/", "/m", "-o", "fingerprint=" + "00000000000000000000000000000000000000000000000000000000000000ff" }, "fingerprint= needs TLS")]
    [InlineData(new[] { "ftp://h/", "/m", "-o", "tls_host=x" }, "tls_host= needs TLS")]
    [InlineData(new[] { "ftp://h/", "/m", "-o", "allow_other,allow_root" }, "allow_other and allow_root")]
    [InlineData(new[] { "sftp://h/", "/m" }, "ftp://")]
    public void Bad_command_lines_say_what_is_wrong(string[] args, string expected)
    {
        var error = Fails(args);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_wins_over_everything(string flag) =>
        Assert.IsType<HelpCommand>(MountOptionsParser.Parse(["ftp://h/", flag, "-o", "bogus"], Cwd));

    [Theory]
    [InlineData("-V")]
    [InlineData("--version")]
    public void Version_is_a_command(string flag) => Assert.IsType<VersionCommand>(MountOptionsParser.Parse([flag], Cwd));

    [Fact]
    public void Status_takes_json_watch_and_a_mount_point_in_any_order()
    {
        Assert.Equal(new StatusCommand(null), MountOptionsParser.Parse(["status"], Cwd));
        Assert.Equal(new StatusCommand("/home/alice/mnt", Json: true), MountOptionsParser.Parse(["status", "--json", "mnt"], Cwd));
        Assert.Equal(new StatusCommand("/mnt/x", Json: true, Watch: true), MountOptionsParser.Parse(["status", "/mnt/x", "--watch", "--json"], Cwd));
        Assert.Equal(new StatusCommand(null, Watch: true), MountOptionsParser.Parse(["status", "-w"], Cwd));
        Assert.Equal(new StatusCommand("/home/alice/--json"), MountOptionsParser.Parse(["status", "--", "--json"], Cwd));
        Assert.Contains("Unknown status option --jsn", Fails("status", "--jsn").Message, StringComparison.Ordinal);
        Assert.Contains("Usage: ftpmount status", Fails("status", "/a", "/b").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmount_takes_one_mount_point_made_absolute()
    {
        Assert.Equal("/home/alice/mnt", Assert.IsType<UnmountCommand>(MountOptionsParser.Parse(["unmount", "mnt"], Cwd)).MountPoint);
        Assert.Contains("one MOUNTPOINT", Fails("unmount").Message, StringComparison.Ordinal);
        Assert.Contains("one MOUNTPOINT", Fails("unmount", "/a", "/b").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Double_dash_ends_options()
    {
        var request = Mount("ftp://h/", "--", "-weird-dir");
        Assert.Equal("/home/alice/-weird-dir", request.MountPoint);
    }

    [Fact]
    public void Ftp_client_options_carry_the_connection_settings()
    {
        var request = Mount("ftps://h:2990/", "/m", "-o", "max_connections=2,connect_timeout=4,active,fingerprint=" + new string('a', 64));
        var options = request.ToFtpClientOptions(new FtpMount.Ftp.FtpCredentials("u", "p")).Validate();
        Assert.Equal("h", options.Host);
        Assert.Equal(2990, options.Port);
        Assert.Equal(FtpTlsMode.Implicit, options.TlsMode);
        Assert.Equal(2, options.MaxConnections);
        Assert.Equal(TimeSpan.FromSeconds(4), options.ConnectTimeout);
        Assert.Equal(FtpDataConnectionMode.Active, options.DataConnectionMode);
        Assert.Equal(new string('a', 64), options.CertificateSha256);
    }
}
