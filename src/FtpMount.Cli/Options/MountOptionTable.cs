using FtpMount.Core.Entries;
using FtpMount.Ftp.Data;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Options;

/// <summary>What each <c>-o</c> option does to the draft. Unknown options fail, naming the option but not its value.</summary>
internal static class MountOptionTable
{
    public static void Apply(MountOption option, MountRequestDraft draft, string currentDirectory)
    {
        if (GenericMountOptions.IsKernelFlag(option))
        {
            draft.KernelMountOptions.Add(option.Name);
            return;
        }

        if (GenericMountOptions.IsIgnored(option))
        {
            return;
        }

        switch (option.Name)
        {
            case "ro" or "read_only":
                OptionValues.NoValue(option);
                draft.ReadOnly = true;
                break;
            case "rw":
                OptionValues.NoValue(option);
                draft.ReadOnly = false;
                break;
            case "writeback":
                OptionValues.NoValue(option);
                draft.WriteBack = true;
                break;
            case "writeback_delay":
                draft.WriteBackDelay = OptionValues.Seconds(option, allowZero: true);
                break;
            case "allow_other":
                OptionValues.NoValue(option);
                draft.AllowOther = true;
                break;
            case "allow_root":
                OptionValues.NoValue(option);
                draft.AllowRoot = true;
                break;
            case "default_permissions":
                OptionValues.NoValue(option);
                draft.DefaultPermissions = true;
                break;
            case "prefetch":
                OptionValues.NoValue(option);
                draft.PrefetchSiblings = true;
                break;
            case "no_prefetch":
                OptionValues.NoValue(option);
                draft.PrefetchSiblings = false;
                break;
            case "symlinks":
                draft.OutsideLinks = OptionValues.Text(option) switch
                {
                    "block" => OutsideLinkPolicy.Block,
                    "hide" => OutsideLinkPolicy.Hide,
                    var other => throw new CommandLineException($"Option symlinks={other} is not one of block, hide."),
                };
                break;
            case "segments":
                OptionValues.NoValue(option);
                draft.ParallelSegments = true;
                break;
            case "no_segments":
                OptionValues.NoValue(option);
                draft.ParallelSegments = false;
                break;
            case "network":
                OptionValues.NoValue(option);
                draft.NetworkDrive = true;
                break;
            case "foreground":
                OptionValues.NoValue(option);
                draft.Foreground = true;
                break;
            case "active":
                OptionValues.NoValue(option);
                draft.DataConnectionMode = FtpDataConnectionMode.Active;
                break;
            case "passive":
                OptionValues.NoValue(option);
                draft.DataConnectionMode = FtpDataConnectionMode.Passive;
                break;
            case "uid":
                draft.Uid = OptionValues.Id(option);
                break;
            case "gid":
                draft.Gid = OptionValues.Id(option);
                break;
            case "umask":
                draft.Umask = OptionValues.Octal(option, max: 0x1FF);
                break;
            case "dir_cache_ttl":
                draft.DirectoryCacheTtl = OptionValues.Seconds(option, allowZero: true);
                break;
            case "attr_timeout":
                draft.AttributeTimeout = OptionValues.Seconds(option, allowZero: true);
                break;
            case "negative_ttl":
                draft.NegativeTtl = OptionValues.Seconds(option, allowZero: true);
                break;
            case "timeout":
                draft.IoTimeout = OptionValues.Seconds(option, allowZero: false);
                break;
            case "connect_timeout":
                draft.ConnectTimeout = OptionValues.Seconds(option, allowZero: false);
                break;
            case "daemon_timeout":
                draft.DaemonTimeout = OptionValues.Seconds(option, allowZero: false);
                break;
            case "max_connections":
                // Same bounds as FtpClientOptions.MaxConnections.
                draft.MaxConnections = OptionValues.Integer(option, 1, 256);
                break;
            case "tls":
                draft.TlsMode = ParseTls(option);
                break;
            case "fingerprint":
                draft.CertificateSha256 = ParseFingerprint(option);
                break;
            case "tls_host":
                draft.TlsHostName = HostName(option);
                break;
            case "log_level":
                draft.LogLevel = ParseLogLevel(option);
                break;
            case "user":
                draft.UserOption = UserName(option);
                break;
            case "ftp_user":
                draft.FtpUserOption = UserName(option);
                break;
            case "password_file":
                draft.PasswordFile = OptionValues.Path(option, currentDirectory);
                break;
            case "password_env":
                draft.PasswordEnvironmentVariable = VariableName(option);
                break;
            case "netrc":
                draft.NetrcFile = OptionValues.Path(option, currentDirectory);
                break;
            case "spool_dir":
                draft.SpoolDirectory = OptionValues.Path(option, currentDirectory);
                break;
            case "fsname":
                draft.FileSystemName = OptionValues.Text(option);
                break;
            case "password" or "pass" or "passwd":
                // Never echo the value: it is a password.
                throw new CommandLineException(
                    $"Option {option.Name}= is not accepted: command lines are visible to every user. " +
                    "Use password_file=, password_env=, FTPMOUNT_PASSWORD or ~/.netrc instead.");
            default:
                throw new CommandLineException($"Unknown option \"{option.Name}\" in -o; see ftpmount --help.");
        }
    }

    private static FtpTlsMode ParseTls(MountOption option) => OptionValues.Text(option) switch
    {
        "none" => FtpTlsMode.None,
        "explicit" => FtpTlsMode.Explicit,
        "implicit" => FtpTlsMode.Implicit,
        var other => throw new CommandLineException($"Option tls={other} is not one of none, explicit, implicit."),
    };

    private static LogLevel ParseLogLevel(MountOption option) => OptionValues.Text(option) switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        var other => throw new CommandLineException(
            $"Option log_level={other} is not one of trace, debug, info, warning, error."),
    };

    private static string ParseFingerprint(MountOption option)
    {
        var text = OptionValues.Text(option);
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal);
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new CommandLineException(
                $"Option fingerprint={text} is not a SHA-256 fingerprint: expected 64 hex digits, colons allowed.");
        }

        return hex.ToLowerInvariant();
    }

    private static string HostName(MountOption option)
    {
        var text = OptionValues.Text(option);
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':'))
        {
            throw new CommandLineException($"Option {option.Name}={text} is not a host name.");
        }

        return text;
    }

    private static string UserName(MountOption option)
    {
        var text = OptionValues.Text(option);
        if (text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new CommandLineException($"Option {option.Name}= contains CR, LF or NUL.");
        }

        return text;
    }

    private static string VariableName(MountOption option)
    {
        var text = OptionValues.Text(option);
        if (!(char.IsAsciiLetter(text[0]) || text[0] == '_') || !text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new CommandLineException(
                $"Option {option.Name}={text} is not an environment variable name (letters, digits, _).");
        }

        return text;
    }
}
