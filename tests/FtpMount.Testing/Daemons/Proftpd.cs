using System.Globalization;

namespace FtpMount.Testing.Daemons;

/// <summary>
/// proftpd 1.3.8 from proftpd-core, run as <c>proftpd -n -q -c conf</c> (foreground, quiet). The test user is
/// a virtual user from AuthUserFile/AuthGroupFile; only mod_auth_file is asked, so no PAM or /etc/passwd
/// lookup. proftpd-core has no mod_tls, so there is no FTPS variant. It needs root: the master switches to
/// <c>User nobody</c> and each session to the virtual user's uid, and <c>DefaultRoot ~</c> chroots.
/// </summary>
internal static class Proftpd
{
    /// <summary>IANA's dynamic range; proftpd picks a free port in it at random for each PASV/EPSV.</summary>
    internal const int FirstPassivePort = 49152;

    internal const int LastPassivePort = 65534;

    internal static DaemonCommand Prepare(ServerSetup setup)
    {
        ServerLayout layout = setup.Layout;
        TestAccount account = setup.Account;
        string conf = layout.ConfigDirectory;
        string run = layout.RunDirectory;
        string logFile = Path.Combine(run, "proftpd.log");

        // passwd(5) and group(5) formats. proftpd refuses world-writable user files; these are 0600 root.
        string userFile = ConfigFile.Write(
            Path.Combine(conf, "proftpd.passwd"),
            string.Create(
                CultureInfo.InvariantCulture,
                $"{account.UserName}:{account.PasswordHash}:{account.UserId}:{account.GroupId}:FtpMount test user:{layout.RootDirectory}:/bin/false\n"));
        string groupFile = ConfigFile.Write(
            Path.Combine(conf, "proftpd.group"),
            string.Create(CultureInfo.InvariantCulture, $"{account.UserName}:x:{account.GroupId}:{account.UserName}\n"));

        string config = string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            ServerName "FtpMount test proftpd"
            ServerType standalone
            DefaultAddress {{setup.Host}}
            SocketBindTight on
            Port {{setup.Port}}
            UseIPv6 off
            User nobody
            Group nogroup
            Umask 022

            # MaxClientsPerHost refuses at PASS with "530 Sorry, the maximum number of clients (n) from your
            # host are already connected", not at connect like the other daemons.
            MaxClientsPerHost {{setup.MaxConnectionsPerIp}}
            MaxClients {{setup.MaxConnections}}
            MaxInstances {{setup.MaxConnections + 10}}

            # No DNS, ident or delay: each would slow every login down.
            UseReverseDNS off
            <IfModule mod_ident.c>
              IdentLookups off
            </IfModule>
            <IfModule mod_delay.c>
              DelayEngine off
            </IfModule>

            ScoreboardFile {{run}}/proftpd.scoreboard
            PidFile {{run}}/proftpd.pid
            SystemLog {{logFile}}
            TransferLog none
            WtmpLog off

            AuthOrder mod_auth_file.c
            AuthUserFile {{userFile}}
            AuthGroupFile {{groupFile}}
            RequireValidShell off
            DefaultRoot ~

            # Upstream defaults are off (550 on overwrite, 451 on REST+STOR and APPE); a mount needs both.
            AllowOverwrite on
            AllowStoreRestart on

            PassivePorts {{FirstPassivePort}} {{LastPassivePort}}

            # TimeoutNoTransfer ends a session without transfers even while NOOPs arrive; it stays at the
            # upstream 300 s unless the idle timeout is longer.
            TimeoutIdle {{setup.IdleTimeoutSeconds}}
            TimeoutNoTransfer {{Math.Max(setup.IdleTimeoutSeconds, 300)}}
            TimeoutLogin {{ServerSetup.DataTimeoutSeconds}}
            TimeoutStalled {{ServerSetup.DataTimeoutSeconds}}

            # HASH/XCRC/XMD5 (mod_digest) and SITE UTIME/MKDIR/RMDIR/SYMLINK (mod_site_misc), as on Debian.
            ModulePath {{setup.Installation.ProftpdModules}}
            <IfModule mod_dso.c>
              LoadModule mod_digest.c
              LoadModule mod_site_misc.c
            </IfModule>

            """);
        string configFile = ConfigFile.Write(Path.Combine(conf, "proftpd.conf"), config);
        return new DaemonCommand(
            setup.Installation.Proftpd,
            ["-n", "-q", "-c", configFile],
            new Dictionary<string, string?>(),
            [logFile]);
    }
}
