using FtpMount.Core.Handles;
using FtpMount.Core.Spool;

namespace FtpMount.Core.Tests.Spool;

/// <summary>A spool folder of its own in a temporary directory, removed with it: for tests that need spool files.</summary>
internal sealed class ScratchSpool : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ftpmount-spool-unit-").FullName;

    public ScratchSpool() => Folder = SpoolFolder.Open(_root, "u@h:21/");

    public SpoolFolder Folder { get; }

    public SpoolFile NewSpool() => SpoolFile.Create(Folder);

    public void Dispose()
    {
        Folder.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
