namespace FtpMount.Fuse;

/// <summary>Builds the argv handed to fuse_new from validated <see cref="FuseMountOptions"/>.</summary>
internal static class FuseArguments
{
    /// <summary>argv[0]: libfuse only uses it in messages, but fuse_session_new refuses an empty argv.</summary>
    internal const string ProgramName = "ftpmount";

    internal static IReadOnlyList<string> Build(FuseMountOptions options)
    {
        var mountOptions = new List<string>
        {
            "fsname=" + options.FileSystemName,
            "subtype=" + options.Subtype,
        };
        if (options.AllowOther)
        {
            mountOptions.Add("allow_other");
        }

        if (options.ReadOnly)
        {
            mountOptions.Add("ro");
        }

        mountOptions.AddRange(options.ExtraOptions);
        var arguments = new List<string> { ProgramName, "-o", string.Join(',', mountOptions) };
        if (options.Debug)
        {
            arguments.Add("-d");
        }

        return arguments;
    }
}
