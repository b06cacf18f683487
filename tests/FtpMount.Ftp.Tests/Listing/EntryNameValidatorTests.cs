using System.Text;
using FtpMount.Ftp.Listing;

namespace FtpMount.Ftp.Tests.Listing;

public sealed class EntryNameValidatorTests
{
    [Theory]
    [InlineData("file.txt")]
    [InlineData(" lead")]
    [InlineData("trail ")]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("..x")]
    [InlineData("a -> b")]
    [InlineData("tab\there")]
    [InlineData("日本語")]
    [InlineData("back\\slash.txt")]
    [InlineData("..\\up")]
    public void Validator_accepts_ordinary_names(string name) =>
        Assert.Equal(EntryNameVerdict.Valid, EntryNameValidator.Check(Encoding.UTF8.GetBytes(name), out _));

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void Validator_reports_dot_entries_separately(string name) =>
        Assert.Equal(EntryNameVerdict.DotEntry, EntryNameValidator.Check(Encoding.UTF8.GetBytes(name), out _));

    [Theory]
    [InlineData("", RejectReasons.EmptyName)]
    [InlineData("/", RejectReasons.NameContainsSlash)]
    [InlineData("/etc/passwd", RejectReasons.NameContainsSlash)]
    [InlineData("../up", RejectReasons.NameContainsSlash)]
    [InlineData("nul\0", RejectReasons.NameContainsNul)]
    [InlineData("cr\rin", RejectReasons.NameContainsCr)]
    [InlineData("lf\nin", RejectReasons.NameContainsLf)]
    [InlineData("x\r\nDELE y", RejectReasons.NameContainsCr)]
    public void Validator_rejects_names_that_escape_or_inject(string name, string reason)
    {
        Assert.Equal(EntryNameVerdict.Invalid, EntryNameValidator.Check(Encoding.UTF8.GetBytes(name), out string? actual));
        Assert.Equal(reason, actual);
    }

    [Theory]
    [InlineData(255, true)]
    [InlineData(256, false)]
    [InlineData(4000, false)]
    public void Names_over_255_bytes_are_refused_as_programs_could_not_open_them(int bytes, bool acceptable)
    {
        var verdict = EntryNameValidator.Check(Encoding.UTF8.GetBytes(new string('n', bytes)), out var reason);
        Assert.Equal(acceptable ? EntryNameVerdict.Valid : EntryNameVerdict.Invalid, verdict);
        Assert.Equal(acceptable ? null : RejectReasons.NameTooLong, reason);
    }

    [Fact]
    public void The_bound_counts_utf8_bytes_not_characters()
    {
        // 86 characters of three bytes each: 258 bytes, which stat() refuses with ENAMETOOLONG.
        Assert.Equal(EntryNameVerdict.Invalid, EntryNameValidator.Check(Encoding.UTF8.GetBytes(new string('語', 86)), out _));
        Assert.Equal(EntryNameVerdict.Valid, EntryNameValidator.Check(Encoding.UTF8.GetBytes(new string('語', 85)), out _));
    }

    [Theory]
    [InlineData("../outside", true)]
    [InlineData("/abs/path", true)]
    [InlineData("", false)]
    [InlineData("a\0b", false)]
    [InlineData("a\rb", false)]
    public void Symlink_target_may_leave_the_share_but_not_hold_control_bytes(string target, bool acceptable) =>
        Assert.Equal(acceptable, EntryNameValidator.IsAcceptableSymlinkTarget(Encoding.UTF8.GetBytes(target)));
}
