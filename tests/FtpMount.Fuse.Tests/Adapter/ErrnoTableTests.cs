using FtpMount.Core.Errors;
using FtpMount.Fuse.Adapter;
using FtpMount.Fuse.Native;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Fuse.Tests.Adapter;

public class ErrnoTableTests
{
    [Theory]
    [InlineData(FsError.NotFound, Errno.ENOENT)]
    [InlineData(FsError.AlreadyExists, Errno.EEXIST)]
    [InlineData(FsError.NotEmpty, Errno.ENOTEMPTY)]
    [InlineData(FsError.AccessDenied, Errno.EACCES)]
    [InlineData(FsError.NoSpace, Errno.ENOSPC)]
    [InlineData(FsError.InvalidName, Errno.EINVAL)]
    [InlineData(FsError.NotSupported, Errno.ENOTSUP)]
    [InlineData(FsError.IsDirectory, Errno.EISDIR)]
    [InlineData(FsError.NotDirectory, Errno.ENOTDIR)]
    [InlineData(FsError.ReadOnly, Errno.EROFS)]
    [InlineData(FsError.Busy, Errno.EBUSY)]
    [InlineData(FsError.NameTooLong, Errno.ENAMETOOLONG)]
    [InlineData(FsError.FileTooLarge, Errno.EFBIG)]
    [InlineData(FsError.IllegalSequence, Errno.EILSEQ)]
    [InlineData(FsError.TimedOut, Errno.EIO)]
    [InlineData(FsError.IoError, Errno.EIO)]
    public void Each_filesystem_error_has_its_errno(FsError error, int errno) => Assert.Equal(errno, ErrnoTable.For(error));

    [Fact]
    public void Every_filesystem_error_is_in_the_table()
    {
        foreach (var error in Enum.GetValues<FsError>())
        {
            Assert.True(ErrnoTable.For(error) > 0, $"{error} has no errno");
        }
    }

    [Fact]
    public void Exceptions_from_the_ftp_layer_become_negative_errno_values()
    {
        Assert.Equal(-Errno.EILSEQ, ErrnoTable.Negative(new FtpUnencodableNameException("no such character in windows-1251")));
        Assert.Equal(-Errno.ENOSPC, ErrnoTable.Negative(new FtpTransientException("full", new FtpReply(452, ["Insufficient storage"]))));
        Assert.Equal(-Errno.ENOENT, ErrnoTable.Negative(new FtpPermanentException("gone", new FtpReply(550, ["No such file or directory"]))));
        Assert.Equal(-Errno.EIO, ErrnoTable.Negative(new FtpConnectionLostException("reset")));
        Assert.Equal(-Errno.EINVAL, ErrnoTable.Negative(new FtpUnsafeArgumentException("CR")));
        Assert.Equal(-Errno.EIO, ErrnoTable.Negative(new InvalidOperationException("bug")));
        Assert.Equal(-Errno.ENAMETOOLONG, ErrnoTable.Negative(new FtpPermanentException("too long", new FtpReply(500, ["Input line too long."]))));
        Assert.Equal(-Errno.EFBIG, ErrnoTable.Negative(new IOException("File too large", Errno.EFBIG)));
    }
}
