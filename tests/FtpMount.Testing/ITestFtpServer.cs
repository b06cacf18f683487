namespace FtpMount.Testing;

/// <summary>
/// What a test needs to connect to or mount an FTP server, whichever kind serves: a real daemon
/// (<see cref="FtpTestServer"/>) or the in-process <see cref="Hostile.HostileFtpServer"/>.
/// </summary>
public interface ITestFtpServer : IAsyncDisposable
{
    /// <summary>"127.0.0.1".</summary>
    string Host { get; }

    int Port { get; }

    string UserName { get; }

    /// <summary>A fixed test-only credential; do not write it to logs.</summary>
    string Password { get; }

    /// <summary>The local folder the FTP user sees as "/"; tests seed and inspect files here with ordinary file APIs.</summary>
    string RootDirectory { get; }

    /// <summary>The server's own record of what happened (daemon output and logs, or the commands received), for a failing test's message.</summary>
    string ReadServerLog();
}
