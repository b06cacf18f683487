namespace FtpMount.Ftp.Tests;

public class FtpTimestampTests
{
    [Theory]
    [InlineData("20240102030405", 2024, 1, 2, 3, 4, 5, 0)]
    [InlineData("20240102030405.123", 2024, 1, 2, 3, 4, 5, 123)]
    [InlineData("19991231235959.5", 1999, 12, 31, 23, 59, 59, 500)]
    public void Time_vals_are_utc_with_optional_fraction(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        Assert.True(FtpTimestamp.TryParse(text, out var value));
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, ms, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("2024010203040")]
    [InlineData("20241302030405")]
    [InlineData("20240102030405,1")]
    [InlineData("20240102030405.")]
    [InlineData("abcd0102030405")]
    public void Malformed_time_vals_are_rejected(string text) => Assert.False(FtpTimestamp.TryParse(text, out _));

    [Fact]
    public void Formatting_converts_to_utc() =>
        Assert.Equal("20240102010405", FtpTimestamp.Format(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))));
}
