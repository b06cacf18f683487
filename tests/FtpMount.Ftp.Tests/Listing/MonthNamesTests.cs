using System.Text;
using FtpMount.Ftp.Listing;

namespace FtpMount.Ftp.Tests.Listing;

public sealed class MonthNamesTests
{
    [Theory]
    [InlineData("Jan", 1)]
    [InlineData("FEB", 2)]
    [InlineData("mar", 3)]
    [InlineData("Mär", 3)]
    [InlineData("MÄR", 3)]
    [InlineData("mrz", 3)]
    [InlineData("März", 3)]
    [InlineData("mars", 3)]
    [InlineData("avr.", 4)]
    [InlineData("Mai", 5)]
    [InlineData("juin", 6)]
    [InlineData("June", 6)]
    [InlineData("juil.", 7)]
    [InlineData("aoû", 8)]
    [InlineData("AOÛT", 8)]
    [InlineData("Sept", 9)]
    [InlineData("Okt", 10)]
    [InlineData("Dez", 12)]
    [InlineData("déc.", 12)]
    [InlineData("janv.", 1)]
    [InlineData("févr.", 2)]
    public void Month_name_is_recognised(string token, int month)
    {
        Assert.True(MonthNames.TryParse(Encoding.UTF8.GetBytes(token), out int actual));
        Assert.Equal(month, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("Ja")]
    [InlineData("Janu")]
    [InlineData("5月")]
    [InlineData("12")]
    [InlineData("staff")]
    [InlineData("Marchmarchmarch")]
    public void Non_month_token_is_refused(string token) =>
        Assert.False(MonthNames.TryParse(Encoding.UTF8.GetBytes(token), out _));
}
