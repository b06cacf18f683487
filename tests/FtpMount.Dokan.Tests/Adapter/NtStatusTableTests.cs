using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using FtpMount.Dokan.Adapter;
using FtpMount.Ftp.Errors;

namespace FtpMount.Dokan.Tests.Adapter;

public sealed class NtStatusTableTests
{
    public static TheoryData<FsError, NtStatus, uint> Table => new()
    {
        { FsError.NotFound, NtStatus.ObjectNameNotFound, 0xC0000034 },
        { FsError.AlreadyExists, NtStatus.ObjectNameCollision, 0xC0000035 },
        { FsError.NotEmpty, NtStatus.DirectoryNotEmpty, 0xC0000101 },
        { FsError.AccessDenied, NtStatus.AccessDenied, 0xC0000022 },
        { FsError.NoSpace, NtStatus.DiskFull, 0xC000007F },
        { FsError.InvalidName, NtStatus.ObjectNameInvalid, 0xC0000033 },
        { FsError.NotSupported, NtStatus.NotSupported, 0xC00000BB },
        { FsError.IsDirectory, NtStatus.FileIsADirectory, 0xC00000BA },
        { FsError.NotDirectory, NtStatus.NotADirectory, 0xC0000103 },
        { FsError.ReadOnly, NtStatus.MediaWriteProtected, 0xC00000A2 },
        { FsError.TimedOut, NtStatus.IoTimeout, 0xC00000B5 },
        { FsError.Busy, NtStatus.DeviceBusy, 0x80000011 },
        { FsError.NameTooLong, NtStatus.NameTooLong, 0xC0000106 },
        { FsError.FileTooLarge, NtStatus.FileTooLarge, 0xC0000904 },
        { FsError.IllegalSequence, NtStatus.ObjectNameInvalid, 0xC0000033 },
        { FsError.IoError, NtStatus.UnexpectedIoError, 0xC00000E9 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_core_error_has_its_ntstatus_with_the_ntstatus_h_value(FsError error, NtStatus status, uint ntstatusValue)
    {
        Assert.Equal(status, NtStatusTable.For(error));
        Assert.Equal(ntstatusValue, unchecked((uint)status));
    }

    [Fact]
    public void The_table_covers_every_core_error()
    {
        Assert.Equal(Enum.GetValues<FsError>().Order(), Table.Select(row => (FsError)row.Data.Item1).Order());
    }

    [Fact]
    public void Exceptions_map_through_the_core_classification_and_deadlines_are_timeouts()
    {
        Assert.Equal(NtStatus.ObjectNameInvalid, NtStatusTable.From(new InvalidRemotePathException("bad")));
        Assert.Equal(NtStatus.DirectoryNotEmpty, NtStatusTable.From(new RemoteFsException(FsError.NotEmpty, "x")));
        Assert.Equal(NtStatus.IoTimeout, NtStatusTable.From(new TimeoutException()));
        Assert.Equal(NtStatus.IoTimeout, NtStatusTable.From(new OperationCanceledException()));
        Assert.Equal(NtStatus.IoTimeout, NtStatusTable.From(new FtpTimeoutException("slow")));
        Assert.Equal(NtStatus.UnexpectedIoError, NtStatusTable.From(new IOException("reset")));
        Assert.Equal(NtStatus.UnexpectedIoError, NtStatusTable.From(new InvalidOperationException("bug")));
    }
}
