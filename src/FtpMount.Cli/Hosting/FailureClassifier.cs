using System.Net.Sockets;
using FtpMount.Cli.Credentials;
using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;
using FtpMount.Ftp.Errors;

namespace FtpMount.Cli.Hosting;

/// <summary>Maps whatever stopped a mount to one sentence and an exit code; the one table for it.</summary>
internal static class FailureClassifier
{
    public static MountFailure Classify(Exception exception, MountRequest? request)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var server = request is null ? "the server" : $"{Bracketed(request.Host)}:{request.Port}";
        return exception switch
        {
            CommandLineException e => new(ExitCodes.Usage, e.Message),
            Core.Spool.SpoolFolderException e => new(
                ExitCodes.Usage,
                request?.Options.SpoolDirectory is { } spool ? $"Option spool_dir={spool} cannot be used: {e.Message}" : e.Message),
            MountpointException e => new(ExitCodes.Mountpoint, e.Message),
            CredentialException e => new(ExitCodes.Credentials, e.Message),
            FtpAuthenticationException e => new(ExitCodes.AuthenticationFailed, $"{server}: {e.Message}"),
            FtpTlsException e => new(ExitCodes.TlsFailed, $"TLS with {server} failed: {e.Message}"),
            FtpTimeoutException e => new(ExitCodes.Unreachable, $"{server} did not answer in time: {e.Message}"),
            FtpConnectionLostException e => new(ExitCodes.Unreachable, $"Cannot reach {server}: {e.Message}"),
            SocketException e => new(ExitCodes.Unreachable, $"Cannot reach {server}: {e.Message}."),
            FtpException e => new(ExitCodes.Failure, $"{server}: {e.Message}"),
            Core.Errors.RemoteFsException e => new(ExitCodes.Failure, $"{server}: {e.Message}"),
            Fuse.FuseException e => new(ExitCodes.Mountpoint, $"Mounting failed: {e.Message}"),
            Fuse.FuseLibraryException e => new(ExitCodes.Failure, e.Message),
            OperationCanceledException => new(ExitCodes.Interrupted, "Stopped before the mount was ready."),
            _ when exception.InnerException is SocketException inner => new(ExitCodes.Unreachable, $"Cannot reach {server}: {inner.Message}."),
            _ => new(ExitCodes.Failure, $"Unexpected {exception.GetType().Name}: {exception.Message}"),
        };
    }

    private static string Bracketed(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
}
