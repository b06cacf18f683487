namespace FtpMount.Cli.Hosting;

/// <summary>Exit codes of ftpmount; scripts and systemd units can tell the failure classes apart.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Any failure without a more specific code.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or options.</summary>
    public const int Usage = 2;

    /// <summary>Mount point missing, not a directory, busy; or unmount of something not mounted.</summary>
    public const int Mountpoint = 3;

    /// <summary>No password found, or it lives in a file others can read.</summary>
    public const int Credentials = 4;

    /// <summary>The server could not be reached (DNS, refused, timeout).</summary>
    public const int Unreachable = 5;

    /// <summary>The server refused the user name or password.</summary>
    public const int AuthenticationFailed = 6;

    /// <summary>TLS could not be established or the certificate was refused.</summary>
    public const int TlsFailed = 7;

    /// <summary>The background process did not report a ready mount in time.</summary>
    public const int NotReady = 8;

    /// <summary>Stopped by SIGINT/SIGTERM before the mount was ready (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
