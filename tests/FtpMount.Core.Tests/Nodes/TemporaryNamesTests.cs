using FtpMount.Core.Nodes;

namespace FtpMount.Core.Tests.Nodes;

public class TemporaryNamesTests
{
    [Fact]
    public void Every_upload_and_aside_name_is_recognised_as_its_kind_and_hidden()
    {
        for (var i = 0; i < 100; i++)
        {
            var upload = TemporaryNames.Upload();
            var aside = TemporaryNames.Aside();
            Assert.True(TemporaryNames.IsUpload(upload) && !TemporaryNames.IsAside(upload) && TemporaryNames.IsHidden(upload), upload);
            Assert.True(TemporaryNames.IsAside(aside) && !TemporaryNames.IsUpload(aside) && TemporaryNames.IsHidden(aside), aside);
        }
    }

    [Fact]
    public void A_kept_previous_version_is_visible_beside_its_name()
    {
        var kept = TemporaryNames.Kept("doc.txt");
        Assert.StartsWith("doc.txt.ftpmount-", kept, StringComparison.Ordinal);
        Assert.False(TemporaryNames.IsHidden(kept));
    }

    [Theory]
    [InlineData(".ftpmount-0123456789ab.part.txt")]
    [InlineData(".ftpmount-0123456789AB.part")]
    [InlineData(".ftpmount-0123456789a.part")]
    [InlineData("ftpmount-0123456789ab.part")]
    [InlineData(".ftpmount-notes.part")]
    [InlineData(".ftpmount-0123456789ab.older")]
    [InlineData(".ftpmount-0123456789AB.old")]
    [InlineData(".ftpmount-backup.old")]
    [InlineData("report.part")]
    [InlineData("report.old")]
    public void Names_a_user_could_choose_are_not_hidden(string name) => Assert.False(TemporaryNames.IsHidden(name));
}
