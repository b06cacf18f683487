using FtpMount.Core.Entries;
using FtpMount.Ftp.Listing;

namespace FtpMount.Core.Tests.Entries;

public class RemoteEntryTests
{
    [Theory]
    [InlineData(0x9ED, 0x1ED)] // 04755 -> 0755
    [InlineData(0x5ED, 0x1ED)] // 02755 -> 0755
    [InlineData(0x3FF, 0x1FF)] // 01777 -> 0777
    [InlineData(0xFFF, 0x1FF)] // 07777 -> 0777
    [InlineData(0x1A4, 0x1A4)] // 0644 stays
    public void Setuid_setgid_and_sticky_from_a_server_are_dropped(int listed, int shown)
    {
        var entry = RemoteEntry.From(new FtpListEntry("tool", FtpEntryType.File, 1, DateTimeOffset.UnixEpoch, listed, null), DateTimeOffset.UnixEpoch);
        Assert.Equal(shown, entry.Mode);
    }
}
