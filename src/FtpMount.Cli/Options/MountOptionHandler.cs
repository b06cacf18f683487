namespace FtpMount.Cli.Options;

/// <summary>
/// What one <c>-o</c> name makes of the values seen so far; the string is the directory relative paths start from.
/// </summary>
internal sealed record MountOptionHandler(string Name, Func<MountOption, MountOptionValues, string, MountOptionValues> Apply)
{
    /// <summary>An option without a value (<c>ro</c>); <c>ro=1</c> is refused naming it.</summary>
    public static MountOptionHandler Flag(string name, Func<MountOptionValues, MountOptionValues> apply) =>
        new(name, (option, values, _) =>
        {
            OptionValues.NoValue(option);
            return apply(values);
        });

    /// <summary>An option with a value (<c>uid=1000</c>).</summary>
    public static MountOptionHandler Valued(string name, Func<MountOption, MountOptionValues, MountOptionValues> apply) =>
        new(name, (option, values, _) => apply(option, values));

    /// <summary>An option whose value is a path, made absolute against the current directory.</summary>
    public static MountOptionHandler PathValued(string name, Func<MountOptionValues, string, MountOptionValues> apply) =>
        new(name, (option, values, currentDirectory) => apply(values, OptionValues.Path(option, currentDirectory)));
}
