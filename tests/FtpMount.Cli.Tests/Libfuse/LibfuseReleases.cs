using FtpMount.Testing.Libfuse;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>The libfuse releases the mount is proven with: the machine's own, and each vendored one, built on first use.</summary>
internal static class LibfuseReleases
{
    public const string Machine = "machine";

    public static IEnumerable<string> All => [Machine, .. VendoredLibfuse.Versions];

    /// <summary>Null for <see cref="Machine"/>; otherwise the build of that version.</summary>
    public static async Task<LibfuseBuild?> BuildAsync(string release) =>
        release == Machine ? null : await VendoredLibfuse.GetAsync(release);

    /// <summary>"libfuse 3.16.2 (libfuse3.so.3)", as ftpmount logs the release it loaded.</summary>
    public static string Expected(LibfuseBuild? build) =>
        build is null ? Fuse.FuseHost.LoadLibrary().ToString() : $"libfuse {build.Version} ({build.Soname})";
}
