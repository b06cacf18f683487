using System.Globalization;
using System.Runtime.InteropServices;
using FtpMount.Testing.Native;
using FtpMount.Testing.Processes;

namespace FtpMount.Testing;

/// <summary>
/// The temporary folder of one test server:
/// <code>
/// {temp}/ftpmount-test-{kind}-{pid}-{random}/   0755 root    (the daemon's working directory)
///     owner                                      the test process that owns it, for StaleServerSweeper
///     root/    0755 test user   the FTP user's home and chroot (FtpTestServer.RootDirectory)
///     conf/    0700 root        configs, user databases, the TLS private key
///     run/     0755 root        logs, pid and scoreboard files
///     empty/   0755 root        vsftpd's secure_chroot_dir: must be empty and not writable by the FTP user
///     server.crt 0644           the TLS certificate (FtpTestServer.CertificatePath)
/// </code>
/// The top folder is world-traversable because pyftpdlib drops to the test user without a chroot.
/// </summary>
internal sealed record ServerLayout(string BaseDirectory)
{
    internal const string NamePrefix = "ftpmount-test-";
    internal const string OwnerFileName = "owner";

    private const UnixFileMode Mode0755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    internal string RootDirectory => Path.Combine(BaseDirectory, "root");

    internal string ConfigDirectory => Path.Combine(BaseDirectory, "conf");

    internal string RunDirectory => Path.Combine(BaseDirectory, "run");

    internal string EmptyDirectory => Path.Combine(BaseDirectory, "empty");

    internal string CertificatePath => Path.Combine(BaseDirectory, "server.crt");

    internal string OwnerFile => Path.Combine(BaseDirectory, OwnerFileName);

    internal static ServerLayout Create(FtpServerKind kind, TestAccount account)
    {
        string name = string.Create(
            CultureInfo.InvariantCulture,
            $"{NamePrefix}{kind.ToString().ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var layout = new ServerLayout(Path.Combine(Path.GetTempPath(), name));

        MakeDirectory(layout.BaseDirectory, Mode0755);
        File.WriteAllText(layout.OwnerFile, ProcessOwner.Current.ToString());
        MakeDirectory(layout.RootDirectory, Mode0755);
        MakeDirectory(layout.ConfigDirectory, Mode0700);
        MakeDirectory(layout.RunDirectory, Mode0755);
        MakeDirectory(layout.EmptyDirectory, Mode0755);
        ChangeOwner(layout.RootDirectory, account.UserId, account.GroupId, followLinks: true);
        return layout;
    }

    internal static void ChangeOwner(string path, uint uid, uint gid, bool followLinks)
    {
        int result = followLinks ? LibC.chown(path, uid, gid) : LibC.lchown(path, uid, gid);
        if (result != 0)
        {
            throw new FtpTestServerException(
                $"chown({path}, {uid}, {gid}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Deletes the folder, retrying briefly; leaves it to StaleServerSweeper if that fails.</summary>
    internal async Task TryDeleteAsync()
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                if (Directory.Exists(BaseDirectory))
                {
                    Directory.Delete(BaseDirectory, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    private static void MakeDirectory(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The FTP test servers run on Linux only.");
        }

        Directory.CreateDirectory(path, mode);

        // mkdir(2) applies the umask; set the mode the daemons check for explicitly.
        File.SetUnixFileMode(path, mode);
    }
}
