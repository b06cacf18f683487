namespace FtpMount.Testing.Libfuse;

/// <summary>One libfuse release built from ../shared/vendor/libfuse into <see cref="Prefix"/> (lib/, include/fuse3/).</summary>
/// <param name="Version">The release, e.g. "3.17.4".</param>
/// <param name="Prefix">Where build.sh installed it.</param>
public sealed record LibfuseBuild(string Version, string Prefix)
{
    public string LibraryDirectory => Path.Combine(Prefix, "lib");

    public string PkgConfigDirectory => Path.Combine(LibraryDirectory, "pkgconfig");

    /// <summary>libfuse3.so.4 from 3.17 on, libfuse3.so.3 before.</summary>
    public string Soname => System.Version.Parse(Version) >= new System.Version(3, 17) ? "libfuse3.so.4" : "libfuse3.so.3";

    public string LibraryPath => Path.Combine(LibraryDirectory, Soname);

    public override string ToString() => $"libfuse {Version}";
}
