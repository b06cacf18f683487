using FtpMount.Core.Errors;
using FtpMount.Core.Handles;
using FtpMount.Core.Spool;

namespace FtpMount.Core.Tests.Spool;

public sealed class SpoolFileTests : IDisposable
{
    /// <summary>The size of issue 13's truncate(1): past ext4's 16 TiB (4 KiB blocks) and xfs's 8 EiB is not reached.</summary>
    private const long HugeLength = 999_999_999_999_999;

    private readonly string _root = Directory.CreateTempSubdirectory("ftpmount-spoolfile-unit-").FullName;

    /// <summary>
    /// A length the spool's file system cannot hold is FileTooLarge (EFBIG), not an I/O error; where the file system
    /// can hold it (tmpfs, xfs, btrfs) the sparse file simply has that length.
    /// </summary>
    [Fact]
    public void A_length_beyond_what_the_spool_file_system_holds_is_file_too_large_and_keeps_the_old_length()
    {
        using var folder = SpoolFolder.Open(_root, "u@h:21/");
        using var spool = SpoolFile.Create(folder);
        spool.Write("content"u8, 0);
        try
        {
            spool.SetLength(HugeLength);
        }
        catch (Exception e)
        {
            Assert.Equal(FsError.FileTooLarge, FtpErrorTranslator.Classify(e));
            Assert.Equal(7, spool.Length);
            Assert.Equal(7, new FileInfo(spool.FilePath).Length);
            return;
        }

        Assert.Equal(HugeLength, spool.Length);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
