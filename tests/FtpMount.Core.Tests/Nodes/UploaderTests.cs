using FtpMount.Core.Nodes;

namespace FtpMount.Core.Tests.Nodes;

public class UploaderTests
{
    [Fact]
    public void Every_temporary_name_is_recognised_as_one()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.True(Uploader.IsTemporaryName(Uploader.TemporaryName()));
        }
    }

    [Theory]
    [InlineData(".ftpmount-0123456789ab.part.txt")]
    [InlineData(".ftpmount-0123456789AB.part")]
    [InlineData(".ftpmount-0123456789a.part")]
    [InlineData("ftpmount-0123456789ab.part")]
    [InlineData(".ftpmount-notes.part")]
    [InlineData("report.part")]
    public void Names_a_user_could_choose_are_not_hidden(string name) => Assert.False(Uploader.IsTemporaryName(name));
}
