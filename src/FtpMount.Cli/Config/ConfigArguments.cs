using FtpMount.Cli.Options;

namespace FtpMount.Cli.Config;

/// <summary>
/// Turns the config-file forms of the command line into the plain ones before they are parsed, so a config file
/// runs exactly like the command it stands for:
/// <list type="bullet">
/// <item><c>ftpmount --config FILE [-f] [-o …]</c> → <c>ftpmount URL MOUNTPOINT -o OPTIONS -o password_file=… [-f] [-o …]</c></item>
/// <item><c>ftpmount mount-config NAME …</c> → the same with <c>/etc/ftpmount/mounts.d/NAME.conf</c></item>
/// <item><c>ftpmount unmount --config FILE</c> → <c>ftpmount unmount MOUNTPOINT</c></item>
/// </list>
/// Anything else is returned unchanged.
/// </summary>
internal static class ConfigArguments
{
    public const string ConfigOption = "--config";
    public const string MountConfigCommand = "mount-config";

    public static IReadOnlyList<string> Expand(IReadOnlyList<string> args, string currentDirectory, string mountsDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            return args;
        }

        if (args[0] == MountConfigCommand)
        {
            if (args.Count < 2 || args[1].StartsWith('-'))
            {
                throw new CommandLineException(
                    $"Usage: ftpmount {MountConfigCommand} NAME [-f] [-o OPTION[,OPTION...]]; reads {Path.Combine(mountsDirectory, "NAME.conf")}.");
            }

            var file = Path.Combine(mountsDirectory, CheckName(args[1]) + ".conf");
            return ExpandMount([ConfigOption, file, .. args.Skip(2)], currentDirectory);
        }

        if (args[0] == "unmount")
        {
            return ExpandUnmount(args, currentDirectory);
        }

        return args[0] is "status" or "doctor" ? args : ExpandMount(args, currentDirectory);
    }

    private static IReadOnlyList<string> ExpandMount(IReadOnlyList<string> args, string currentDirectory)
    {
        var (file, rest) = TakeConfigOption(args);
        if (file is null)
        {
            return args;
        }

        if (CountPositionals(rest) > 0)
        {
            throw new CommandLineException(
                $"{ConfigOption} FILE replaces SOURCE and MOUNTPOINT; give either the file or the two arguments.");
        }

        var config = MountConfigFile.Load(Path.GetFullPath(file, currentDirectory), checkPasswordFile: true);
        return [.. config.ToArguments(), .. rest];
    }

    private static IReadOnlyList<string> ExpandUnmount(IReadOnlyList<string> args, string currentDirectory)
    {
        var (file, rest) = TakeConfigOption(args.Skip(1).ToList());
        if (file is null)
        {
            return args;
        }

        if (rest.Count != 0)
        {
            throw new CommandLineException($"Usage: ftpmount unmount {ConfigOption} FILE, without other arguments.");
        }

        var config = MountConfigFile.Load(Path.GetFullPath(file, currentDirectory), checkPasswordFile: false);
        return ["unmount", config.MountPoint.Value];
    }

    /// <summary>Finds <c>--config FILE</c> or <c>--config=FILE</c> before any <c>--</c>; returns the file and the other arguments.</summary>
    private static (string? File, List<string> Others) TakeConfigOption(IReadOnlyList<string> args)
    {
        var rest = new List<string>(args.Count);
        string? file = null;
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!onlyPositionals && (arg == ConfigOption || arg.StartsWith(ConfigOption + "=", StringComparison.Ordinal)))
            {
                if (file is not null)
                {
                    throw new CommandLineException($"Option {ConfigOption} is given twice; one config file per mount.");
                }

                if (arg == ConfigOption)
                {
                    if (++i == args.Count)
                    {
                        throw new CommandLineException($"Option {ConfigOption} needs a file, e.g. {ConfigOption} /etc/ftpmount/mounts.d/pub.conf.");
                    }

                    arg = ConfigOption + "=" + args[i];
                }

                file = arg[(ConfigOption.Length + 1)..];
                if (file.Length == 0)
                {
                    throw new CommandLineException($"Option {ConfigOption} needs a file, e.g. {ConfigOption} /etc/ftpmount/mounts.d/pub.conf.");
                }

                continue;
            }

            onlyPositionals |= arg == "--";
            rest.Add(arg);
        }

        return (file, rest);
    }

    /// <summary>Arguments that MountOptionsParser would take as SOURCE or MOUNTPOINT.</summary>
    private static int CountPositionals(List<string> args)
    {
        var count = 0;
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || arg.Length < 2 || arg[0] != '-')
            {
                count++;
            }
            else if (arg == "--")
            {
                onlyPositionals = true;
            }
            else if (arg == "-o")
            {
                i++;
            }
        }

        return count;
    }

    /// <summary>NAME becomes a file name: letters, digits and <c>._@-</c>, not starting with a dot (no paths, no hidden files).</summary>
    private static string CheckName(string name)
    {
        if (name.Length == 0 || name[0] == '.' || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-'))
        {
            throw new CommandLineException(
                $"{MountConfigCommand} NAME \"{name}\" is not a config name: use letters, digits and . _ @ - (not starting with a dot).");
        }

        return name;
    }
}
