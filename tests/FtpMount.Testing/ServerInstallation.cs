namespace FtpMount.Testing;

/// <summary>
/// Where scripts/install-test-servers.sh unpacked the daemons: <c>$FTPMOUNT_TEST_SERVERS</c>, or
/// <c>/var/cache/ftpmount-test-servers</c>. The .debs are extracted with <c>dpkg -x</c>, so paths inside
/// mirror the packages' (<c>usr/sbin/vsftpd</c>, ...).
/// </summary>
internal sealed class ServerInstallation
{
    internal const string EnvironmentVariable = "FTPMOUNT_TEST_SERVERS";
    internal const string DefaultDirectory = "/var/cache/ftpmount-test-servers";
    internal const string VsftpdPamService = "ftpmount-test-vsftpd";

    // Debian's interpreter, which python3-pyftpdlib was built for; a pyenv or venv python3 on PATH may be
    // another version.
    internal const string Python3 = "/usr/bin/python3";

    internal ServerInstallation(string directory)
    {
        Directory = directory;
    }

    internal string Directory { get; }

    internal string Vsftpd => Path.Combine(Directory, "usr/sbin/vsftpd");

    internal string PureFtpd => Path.Combine(Directory, "usr/sbin/pure-ftpd");

    internal string PurePw => Path.Combine(Directory, "usr/bin/pure-pw");

    internal string Proftpd => Path.Combine(Directory, "usr/sbin/proftpd");

    internal string ProftpdModules => Path.Combine(Directory, "usr/lib/proftpd");

    internal string PythonPath => Path.Combine(Directory, "usr/lib/python3/dist-packages");

    internal static string VsftpdPamServiceFile => Path.Combine("/etc/pam.d", VsftpdPamService);

    internal static ServerInstallation Locate()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return new ServerInstallation(string.IsNullOrWhiteSpace(configured) ? DefaultDirectory : configured);
    }

    /// <summary>Throws, naming the file and the install script, unless every file <paramref name="kind"/> needs exists.</summary>
    internal void RequireFilesFor(FtpServerKind kind)
    {
        switch (kind)
        {
            case FtpServerKind.Vsftpd or FtpServerKind.VsftpdExplicitTls or FtpServerKind.VsftpdImplicitTls:
                Require(Vsftpd);
                Require(VsftpdPamServiceFile);
                break;
            case FtpServerKind.PureFtpd:
                Require(PureFtpd);
                Require(PurePw);
                break;
            case FtpServerKind.Proftpd:
                Require(Proftpd);
                break;
            case FtpServerKind.Pyftpdlib:
                Require(Python3);
                Require(Path.Combine(PythonPath, "pyftpdlib/__init__.py"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown FtpServerKind.");
        }
    }

    internal static void Require(string path)
    {
        if (!File.Exists(path))
        {
            throw new FtpTestServerException(
                $"Missing test server file {path} (servers are looked up in ${EnvironmentVariable}, default {DefaultDirectory}). "
                + FtpTestServerException.InstallHint);
        }
    }
}
