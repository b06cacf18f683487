namespace FtpMount.Cli.Options;

/// <summary>
/// What each <c>-o</c> option does to the draft, looked up in <see cref="MountOptionDescriptors"/>. Unknown options
/// fail, naming the option but not its value.
/// </summary>
internal static class MountOptionTable
{
    private static readonly Dictionary<string, MountOptionHandler> Handlers =
        MountOptionDescriptors.All.SelectMany(entry => entry.Handlers).ToDictionary(handler => handler.Name, StringComparer.Ordinal);

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

        handler.Apply(option, draft, currentDirectory);
    }
}
