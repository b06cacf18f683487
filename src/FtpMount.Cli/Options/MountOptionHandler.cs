namespace FtpMount.Cli.Options;

/// <summary>What one <c>-o</c> name does to the draft; the string is the directory relative paths start from.</summary>
internal sealed record MountOptionHandler(string Name, Action<MountOption, MountRequestDraft, string> Apply)
{
    /// <summary>An option without a value (<c>ro</c>); <c>ro=1</c> is refused naming it.</summary>
    public static MountOptionHandler Flag(string name, Action<MountRequestDraft> apply) =>
        new(name, (option, draft, _) =>
        {
            OptionValues.NoValue(option);
            apply(draft);
        });

    /// <summary>An option with a value (<c>uid=1000</c>).</summary>
    public static MountOptionHandler Valued(string name, Action<MountOption, MountRequestDraft> apply) =>
        new(name, (option, draft, _) => apply(option, draft));

    /// <summary>An option whose value is a path, made absolute against the current directory.</summary>
    public static MountOptionHandler PathValued(string name, Action<MountRequestDraft, string> apply) =>
        new(name, (option, draft, currentDirectory) => apply(draft, OptionValues.Path(option, currentDirectory)));
}
