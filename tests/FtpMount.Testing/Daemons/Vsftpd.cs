using System.Globalization;
using System.Text;

namespace FtpMount.Testing.Daemons;

/// <summary>
/// vsftpd 3.0.3 in standalone mode (<c>listen=YES</c>, <c>background=NO</c>), the config file as its only
/// argument. The test user is a real local user authenticated by PAM (service ftpmount-test-vsftpd), chrooted
/// into <c>local_root</c>. vsftpd chdir()s into the user's passwd home before <c>local_root</c>, which is why
/// the install script gives the user "/" as home.
/// </summary>
internal static class Vsftpd
{
    internal static DaemonCommand Prepare(ServerSetup setup)
    {
        ServerLayout layout = setup.Layout;
        string logFile = Path.Combine(layout.RunDirectory, "vsftpd.log");
        var config = new StringBuilder();
        void Set(string name, object value) =>
            config.Append(CultureInfo.InvariantCulture, $"{name}={value}\n");

        Set("listen", "YES");
        Set("listen_ipv6", "NO");
        Set("listen_address", setup.Host);
        Set("listen_port", setup.Port);
        Set("background", "NO");

        // The seccomp filter and the network/PID namespaces are hardening this test server can do
        // without; they fail in some containers and VMs ("500 OOPS: child died").
        Set("seccomp_sandbox", "NO");
        Set("isolate", "NO");
        Set("isolate_network", "NO");

        Set("anonymous_enable", "NO");
        Set("local_enable", "YES");
        Set("write_enable", "YES");
        Set("local_umask", "022");
        Set("chroot_local_user", "YES");
        Set("allow_writeable_chroot", "YES");
        Set("local_root", layout.RootDirectory);
        Set("pam_service_name", ServerInstallation.VsftpdPamService);
        Set("secure_chroot_dir", layout.EmptyDirectory);
        Set("userlist_enable", "NO");
        Set("tcp_wrappers", "NO");

        Set("max_per_ip", setup.MaxConnectionsPerIp);
        Set("max_clients", setup.MaxConnections);
        Set("idle_session_timeout", setup.IdleTimeoutSeconds);
        Set("data_connection_timeout", ServerSetup.DataTimeoutSeconds);
        Set("accept_timeout", ServerSetup.DataTimeoutSeconds);
        Set("connect_timeout", ServerSetup.DataTimeoutSeconds);

        Set("pasv_enable", "YES");
        Set("pasv_address", setup.Host);
        Set("port_enable", "YES");
        Set("connect_from_port_20", "NO");

        Set("xferlog_enable", "YES");
        Set("vsftpd_log_file", logFile);
        Set("syslog_enable", "NO");

        // YES would write every command to the log, PASS with its argument included.
        Set("log_ftp_protocol", "NO");

        if (setup.Tls is { } tls)
        {
            Set("ssl_enable", "YES");
            Set("rsa_cert_file", tls.CertificatePath);
            Set("rsa_private_key_file", tls.PrivateKeyPath);

            // The built-in default is DES-CBC3-SHA alone, which current TLS 1.2 clients refuse.
            Set("ssl_ciphers", "HIGH");
            Set("ssl_request_cert", "NO");
            Set("allow_anon_ssl", "NO");
            Set("force_local_logins_ssl", "YES");
            Set("force_local_data_ssl", "YES");
            Set("require_ssl_reuse", setup.RequireTlsSessionReuse ? "YES" : "NO");
            Set("implicit_ssl", setup.Kind == FtpServerKind.VsftpdImplicitTls ? "YES" : "NO");
        }

        // vsftpd refuses a config file not owned by the user it runs as (root here).
        string configFile = ConfigFile.Write(Path.Combine(layout.ConfigDirectory, "vsftpd.conf"), config.ToString());
        return new DaemonCommand(
            setup.Installation.Vsftpd,
            [configFile],
            new Dictionary<string, string?>(),
            [logFile]);
    }
}
