using FtpMount.Testing;
using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// A second FTP client beside the mount: Python's ftplib, in its own process and session, as another user's program
/// would change the server's files. The password goes through the environment, never the command line.
/// </summary>
internal static class AnotherFtpClient
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private const string Store = """
        import ftplib, os, sys
        host, port, user, name, source = sys.argv[1:6]
        ftp = ftplib.FTP()
        ftp.connect(host, int(port), timeout=30)
        ftp.login(user, os.environ['FTP_PASSWORD'])
        with open(source, 'rb') as f:
            ftp.storbinary('STOR ' + name, f)
        ftp.quit()
        """;

    /// <summary>STOR of <paramref name="content"/> as <paramref name="name"/> (relative to the login folder).</summary>
    public static async Task StoreAsync(FtpTestServer server, string name, byte[] content)
    {
        var source = Path.Combine(Path.GetTempPath(), "ftpmount-other-" + Guid.NewGuid().ToString("N")[..12]);
        await File.WriteAllBytesAsync(source, content, TestContext.Current.CancellationToken);
        try
        {
            var start = DeadlineProcess.StartInfo(
                "python3",
                ["-c", Store, server.Host, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.UserName, name, source],
                new Dictionary<string, string?> { ["FTP_PASSWORD"] = server.Password });
            var result = await DeadlineProcess.RunAsync(start, Deadline, TestContext.Current.CancellationToken);
            Assert.True(result.ExitCode == 0, $"The ftplib STOR of {name} failed: {result.Error}");
        }
        finally
        {
            File.Delete(source);
        }
    }
}
