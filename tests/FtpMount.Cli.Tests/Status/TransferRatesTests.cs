using FtpMount.Cli.Status;
using FtpMount.Core;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Cli.Tests.Status;

public class TransferRatesTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TransferStatus At(long id, long bytes) => new(id, "/f", FtpTransferDirection.Download, 0, bytes, null, Start);

    [Fact]
    public void A_young_transfer_gets_its_average_since_the_start()
    {
        var rates = new TransferRates();
        Assert.Equal(500, rates.Measure([At(1, 1000)], Start.AddSeconds(2))[1]!.Value, 3);
    }

    [Fact]
    public void Reports_each_second_give_the_rate_of_about_the_last_five_seconds()
    {
        var rates = new TransferRates();

        // 10 s at 100 B/s, then 1000 B/s: after 6 s of the faster pace the slow part has left the window.
        for (var second = 1; second <= 10; second++)
        {
            rates.Measure([At(1, second * 100)], Start.AddSeconds(second));
        }

        double? rate = null;
        for (var second = 1; second <= 6; second++)
        {
            rate = rates.Measure([At(1, 1000 + (second * 1000))], Start.AddSeconds(10 + second))[1];
        }

        Assert.Equal(1000, rate!.Value, 3);
    }

    [Fact]
    public void No_rate_before_time_passed_and_ended_transfers_are_forgotten()
    {
        var rates = new TransferRates();
        Assert.Null(rates.Measure([At(1, 0)], Start)[1]);
        rates.Measure([At(1, 10), At(2, 10)], Start.AddSeconds(1));

        // A new transfer 2 later starts from its own start again, not from transfer 1's samples.
        var after = rates.Measure([At(2, 20)], Start.AddSeconds(2));
        Assert.False(after.ContainsKey(1));
        Assert.Equal(10, after[2]!.Value, 3);
    }
}
