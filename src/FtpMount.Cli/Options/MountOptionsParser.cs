using FtpMount.Ftp.Tls;

namespace FtpMount.Cli.Options;

/// <summary>
/// Parses <c>ftpmount SOURCE MOUNTPOINT [-f] [-o opt,opt=val…]…</c>, the sshfs/rclone convention and exactly what
/// mount.fuse3 runs for an fstab line of type <c>fuse.ftpmount</c>; also <c>ftpmount unmount MOUNTPOINT</c>,
/// <c>--help</c> and <c>--version</c>.
/// </summary>
/// <remarks>
/// Hand-written rather than System.CommandLine: the interface is two positionals plus <c>-o</c> lists whose items
/// carry their own <c>name=value</c> syntax, backslash escapes and mount(8)'s "later wins" rule, none of which
/// System.CommandLine models; its response files (<c>@file</c>), POSIX bundling and suggestions would also read
/// things into argv that mount.fuse3 never meant. A small parser states the convention exactly and stays AOT-safe.
/// </remarks>
internal static class MountOptionsParser
{
    public static CliCommand Parse(IReadOnlyList<string> args, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count > 0 && args[0] == "unmount")
        {
            return ParseUnmount(args, currentDirectory);
        }

        if (args.Count > 0 && args[0] == "status")
        {
            return ParseStatus(args, currentDirectory);
        }

        if (args.Count > 0 && args[0] == "credential")
        {
            return ParseCredential(args);
        }

        if (args.Count > 0 && args[0] == "service")
        {
            return args.Count switch
            {
                1 => new ServiceCommand(null),
                3 when args[1] == "--config-dir" => new ServiceCommand(Path.GetFullPath(args[2], currentDirectory)),
                _ => throw new CommandLineException("Usage: ftpmount service [--config-dir DIR]."),
            };
        }

        if (args.Count > 0 && args[0] == "doctor")
        {
            // Same SOURCE and -o options as a mount; the mount point is a placeholder nobody uses.
            var rest = args.Skip(1).ToList();
            return Parse([.. rest, "--", "/"], currentDirectory) switch
            {
                MountCommand mount => new DoctorCommand(mount.Request),
                var other => other,
            };
        }

        var draft = new MountRequestDraft();
        var positionals = new List<(string Value, int Index)>();
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || arg.Length < 2 || arg[0] != '-')
            {
                positionals.Add((arg, i));
                continue;
            }

            switch (arg)
            {
                case "--":
                    onlyPositionals = true;
                    break;
                case "-h" or "--help":
                    return new HelpCommand();
                case "-V" or "--version":
                    return new VersionCommand();
                case "-f":
                    draft.Foreground = true;
                    break;
                case "-o":
                    if (++i == args.Count)
                    {
                        throw new CommandLineException("Option -o needs a list of options, e.g. -o ro,uid=1000.");
                    }

                    ApplyList(args[i], draft, currentDirectory);
                    break;
                default:
                    if (arg.StartsWith("-o", StringComparison.Ordinal))
                    {
                        ApplyList(arg[2..], draft, currentDirectory);
                        break;
                    }

                    throw new CommandLineException($"Unknown argument \"{arg}\"; see ftpmount --help.");
            }
        }

        if (positionals.Count != 2)
        {
            throw new CommandLineException(
                $"Expected SOURCE and MOUNTPOINT, got {positionals.Count} argument(s); see ftpmount --help.");
        }

        return new MountCommand(Build(draft, args, positionals[0], positionals[1].Value, currentDirectory));
    }

    private static void ApplyList(string list, MountRequestDraft draft, string currentDirectory)
    {
        foreach (var option in MountOption.SplitList(list))
        {
            MountOptionTable.Apply(option, draft, currentDirectory);
        }
    }

    private static CredentialSetCommand ParseCredential(IReadOnlyList<string> args)
    {
        // The password is read from stdin only: an argument for it would show in every process listing.
        if (args.Count == 3 && args[1] == "set")
        {
            return new CredentialSetCommand(args[2], null);
        }

        if (args.Count == 5 && args[1] == "set" && args[3] == "--user")
        {
            return new CredentialSetCommand(args[2], args[4]);
        }

        throw new CommandLineException(
            "Usage: ftpmount credential set USER@HOST (or HOST --user NAME); the password is read from standard input.");
    }

    /// <summary><c>status [--json] [--watch] [MOUNTPOINT]</c>, flags and mount point in any order.</summary>
    private static CliCommand ParseStatus(IReadOnlyList<string> args, string currentDirectory)
    {
        const string Usage = "Usage: ftpmount status [--json] [--watch] [MOUNTPOINT].";
        string? mountPoint = null;
        bool json = false, watch = false, onlyPositionals = false;
        foreach (var arg in args.Skip(1))
        {
            switch (arg)
            {
                case "--json" when !onlyPositionals:
                    json = true;
                    break;
                case "--watch" or "-w" when !onlyPositionals:
                    watch = true;
                    break;
                case "-h" or "--help" when !onlyPositionals:
                    return new HelpCommand();
                case "--" when !onlyPositionals:
                    onlyPositionals = true;
                    break;
                case { Length: > 1 } when arg[0] == '-' && !onlyPositionals:
                    throw new CommandLineException($"Unknown status option {arg}. {Usage}");
                case { Length: > 0 } when mountPoint is null:
                    mountPoint = Path.GetFullPath(arg, currentDirectory);
                    break;
                default:
                    throw new CommandLineException(Usage);
            }
        }

        return new StatusCommand(mountPoint, json, watch);
    }

    private static CliCommand ParseUnmount(IReadOnlyList<string> args, string currentDirectory)
    {
        var rest = args.Skip(1).Where(a => a != "--").ToList();
        if (rest.Count == 1 && rest[0] is "-h" or "--help")
        {
            return new HelpCommand();
        }

        if (rest.Count != 1 || rest[0].Length == 0)
        {
            throw new CommandLineException($"unmount expects one MOUNTPOINT, got {rest.Count} argument(s).");
        }

        return new UnmountCommand(Path.GetFullPath(rest[0], currentDirectory));
    }

    private static MountRequest Build(
        MountRequestDraft draft,
        IReadOnlyList<string> args,
        (string Value, int Index) source,
        string mountPoint,
        string currentDirectory)
    {
        var url = MountUrl.Parse(source.Value);
        var tls = EffectiveTls(url, draft.TlsMode);
        if (tls == FtpTlsMode.None && draft.CertificateSha256 is not null)
        {
            throw new CommandLineException("Option fingerprint= needs TLS: add tls=explicit or use an ftps:// URL.");
        }

        if (tls == FtpTlsMode.None && draft.TlsHostName is not null)
        {
            throw new CommandLineException("Option tls_host= needs TLS: add tls=explicit or use an ftps:// URL.");
        }

        if (draft.AllowOther && draft.AllowRoot)
        {
            throw new CommandLineException("Options allow_other and allow_root exclude each other; give one of them.");
        }

        var (absoluteMountPoint, fuseFd) = ParseMountPoint(mountPoint, currentDirectory);
        var withoutSecrets = args.ToArray();
        if (url.HasPasswordInUrl)
        {
            withoutSecrets[source.Index] = url.ToUrlString();
        }

        return new MountRequest
        {
            Source = url,
            Port = url.ExplicitPort ?? (tls == FtpTlsMode.Implicit ? MountUrl.DefaultImplicitTlsPort : MountUrl.DefaultFtpPort),
            // A user in the URL wins over user=: for fstab lines with the "user" option, mount(8) itself adds
            // user=<login of whoever mounts> to the helper's options. ftp_user= is the unambiguous spelling.
            UserName = url.UserName ?? draft.FtpUserOption ?? draft.UserOption,
            MountPoint = absoluteMountPoint,
            FuseFileDescriptor = fuseFd,
            TlsMode = tls,
            TlsHostName = draft.TlsHostName,
            CertificateSha256 = draft.CertificateSha256,
            DataConnectionMode = draft.DataConnectionMode,
            MaxConnections = draft.MaxConnections,
            Bandwidth = draft.Bandwidth,
            NameEncoding = draft.NameEncoding,
            PollInterval = draft.PollInterval,
            ConnectTimeout = draft.ConnectTimeout,
            IoTimeout = draft.IoTimeout,
            ReadOnly = draft.ReadOnly,
            WriteBack = draft.WriteBack,
            WriteBackDelay = draft.WriteBackDelay,
            AllowOther = draft.AllowOther,
            AllowRoot = draft.AllowRoot,
            DefaultPermissions = draft.DefaultPermissions,
            NetworkDrive = draft.NetworkDrive,
            Uid = draft.Uid,
            Gid = draft.Gid,
            Umask = draft.Umask,
            DirectoryCacheTtl = draft.DirectoryCacheTtl,
            AttributeTimeout = draft.AttributeTimeout,
            NegativeTtl = draft.NegativeTtl,
            PrefetchSiblings = draft.PrefetchSiblings,
            OutsideLinks = draft.OutsideLinks,
            ParallelSegments = draft.ParallelSegments,
            SpoolDirectory = draft.SpoolDirectory,
            ReadCache = draft.ReadCache,
            FileSystemName = draft.FileSystemName ?? url.ToUrlString(),
            KernelMountOptions = draft.KernelMountOptions.ToArray(),
            PasswordSources = new PasswordSources
            {
                PasswordFile = draft.PasswordFile,
                EnvironmentVariable = draft.PasswordEnvironmentVariable,
                NetrcFile = draft.NetrcFile,
            },
            Foreground = draft.Foreground,
            LogLevel = draft.LogLevel,
            DaemonTimeout = draft.DaemonTimeout ?? TimeSpan.FromSeconds(60),
            ArgumentsWithoutSecrets = withoutSecrets,
        };
    }

    private static FtpTlsMode EffectiveTls(MountUrl url, FtpTlsMode? option)
    {
        if (!url.ImplicitTls)
        {
            return option ?? FtpTlsMode.None;
        }

        if (option is FtpTlsMode.None or FtpTlsMode.Explicit)
        {
            var name = option == FtpTlsMode.None ? "none" : "explicit";
            throw new CommandLineException(
                $"Option tls={name} contradicts the ftps:// URL, which means implicit TLS; " +
                "for explicit TLS write ftp://HOST with tls=explicit.");
        }

        return FtpTlsMode.Implicit;
    }

    private static (string Path, int? FuseFd) ParseMountPoint(string mountPoint, string currentDirectory)
    {
        if (mountPoint.Length == 0 || mountPoint.Contains('\0', StringComparison.Ordinal))
        {
            throw new CommandLineException("MOUNTPOINT is empty or contains NUL.");
        }

        // mount.fuse3 with drop_privileges opens /dev/fuse itself and passes /dev/fd/N as the mount point.
        const string fdPrefix = "/dev/fd/";
        if (mountPoint.StartsWith(fdPrefix, StringComparison.Ordinal)
            && int.TryParse(mountPoint.AsSpan(fdPrefix.Length), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var fd))
        {
            return (mountPoint, fd);
        }

        // "Z:" is a whole drive on Windows, not a path relative to the current directory of drive Z.
        if (OperatingSystem.IsWindows() && WindowsMountPoint.IsDriveLetter(mountPoint))
        {
            return (WindowsMountPoint.NormalizeDriveLetter(mountPoint), null);
        }

        var full = Path.GetFullPath(mountPoint, currentDirectory);
        return (full.Length > 1 ? full.TrimEnd('/') : full, null);
    }
}
