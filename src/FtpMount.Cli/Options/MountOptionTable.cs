namespace FtpMount.Cli.Options;

/// <summary>
/// What each <c>-o</c> option makes of the values seen so far, looked up in <see cref="MountOptionDescriptors"/>.
/// Kernel flags are collected in order beside them; unknown options fail, naming the option but not its value.
/// </summary>
internal static class MountOptionTable
{
    private static readonly Dictionary<string, MountOptionHandler> Handlers =
        MountOptionDescriptors.All.SelectMany(entry => entry.Handlers).ToDictionary(handler => handler.Name, StringComparer.Ordinal);

    public static MountOptionValues Apply(
        MountOption option, MountOptionValues values, List<string> kernelMountOptions, string currentDirectory)
    {
        if (GenericMountOptions.IsKernelFlag(option))
        {
            kernelMountOptions.Add(option.Name);
            return values;
        }

        if (GenericMountOptions.IsIgnored(option))
        {
            return values;
        }

        if (option.Name is "password" or "pass" or "passwd")
        {
            // Never echo the value: it is a password.
            throw new CommandLineException(
                $"Option {option.Name}= is not accepted: command lines are visible to every user. " +
                "Use password_file=, password_env=, FTPMOUNT_PASSWORD or ~/.netrc instead.");
        }

        if (!Handlers.TryGetValue(option.Name, out var handler))
        {
            throw new CommandLineException($"Unknown option \"{option.Name}\" in -o; see ftpmount --help.");
        }

        return handler.Apply(option, values, currentDirectory);
    }
}
