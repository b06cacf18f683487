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

        foreach (var option in options.ExtraOptions)
        {
            if (!IsOverridden(option))
            {
                mountOptions.Add(option);
            }
        }

        // Last, so nothing before can undo them: a server decides every mode and device number on this mount, and a
        // listed UNIX.mode=4755 must never become a setuid-root program (mount.fuse3 adds "suid,dev" to fstab
        // mounts on its own, and libfuse honours them when root mounts).
        mountOptions.Add("nosuid");
        mountOptions.Add("nodev");
        var arguments = new List<string> { ProgramName, "-o", string.Join(',', mountOptions) };
        if (options.Debug)
        {
            arguments.Add("-d");
        }

        return arguments;
    }

    /// <summary>Kernel flags that would let the server's modes or device numbers take effect; never passed on.</summary>
    internal static bool IsOverridden(string option) => option is "suid" or "dev";
}
