using FtpMount.Ftp.Protocol;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Ftp.Tests.Transfers;

/// <summary>
/// Which of the two replies after an upload with SIZE behind it answers what: a size is only taken when it came after
/// the transfer's success, a failed transfer is reported whichever order the replies came in, and a reply that fits
/// neither command is out of step.
/// </summary>
public sealed class PipelinedSizeCheckTests
{
    private static FtpReply R(int code, string text = "x") => new(code, [text]);

    [Fact]
    public void A_size_answered_after_the_226_is_verified()
    {
        var verdict = PipelinedSizeCheck.Judge(R(226, "Transfer complete"), R(213, "5000"));

        Assert.Equal(5000, verdict.Size);
        Assert.Null(verdict.Failure);
        Assert.Null(verdict.Unexpected);
    }

    [Fact]
    public void A_size_answered_before_the_226_is_asked_again()
    {
        // pyftpdlib answers at once, with what the file holds so far.
        var verdict = PipelinedSizeCheck.Judge(R(213, "4096"), R(226));

        Assert.Same(PipelinedSizeVerdict.AskAgain, verdict);
    }

    [Fact]
    public void A_refusal_of_the_size_during_the_transfer_is_asked_again()
    {
        // pure-ftpd answers commands other than ABOR and QUIT during a transfer with 500.
        Assert.Same(PipelinedSizeVerdict.AskAgain, PipelinedSizeCheck.Judge(R(500, "Unknown command"), R(226)));
    }

    [Theory]
    [InlineData(550)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(450)]
    public void A_size_refused_after_the_226_is_asked_again(int code)
    {
        Assert.Same(PipelinedSizeVerdict.AskAgain, PipelinedSizeCheck.Judge(R(226), R(code)));
    }

    [Fact]
    public void A_size_that_is_no_number_is_asked_again()
    {
        Assert.Same(PipelinedSizeVerdict.AskAgain, PipelinedSizeCheck.Judge(R(250), R(213, "lots")));
    }

    [Fact]
    public void A_refused_transfer_followed_by_the_size_fails_with_the_transfers_reply()
    {
        var failure = R(552, "Quota exceeded");

        Assert.Same(failure, PipelinedSizeCheck.Judge(failure, R(213, "100")).Failure);
        Assert.Same(failure, PipelinedSizeCheck.Judge(failure, R(550, "No such file")).Failure);
    }

    [Fact]
    public void A_transfer_failing_after_an_early_size_answer_fails_with_its_reply()
    {
        var failure = R(451, "Local error");

        Assert.Same(failure, PipelinedSizeCheck.Judge(R(213, "10"), failure).Failure);
        Assert.Same(failure, PipelinedSizeCheck.Judge(R(500, "Unknown command"), failure).Failure);
    }

    [Theory]
    [InlineData(150, 226)]
    [InlineData(350, 226)]
    [InlineData(226, 150)]
    [InlineData(226, 226)]
    [InlineData(226, 350)]
    [InlineData(213, 213)]
    [InlineData(550, 331)]
    public void A_reply_that_fits_neither_command_is_out_of_step(int first, int second)
    {
        var verdict = PipelinedSizeCheck.Judge(R(first), R(second));

        Assert.NotNull(verdict.Unexpected);
        Assert.Null(verdict.Size);
        Assert.Null(verdict.Failure);
    }

    [Fact]
    public void A_preliminary_first_reply_is_out_of_step_before_a_second_is_read()
    {
        Assert.NotNull(PipelinedSizeCheck.JudgeFirst(R(150))?.Unexpected);
        Assert.Null(PipelinedSizeCheck.JudgeFirst(R(226)));
        Assert.Null(PipelinedSizeCheck.JudgeFirst(R(213)));
        Assert.Null(PipelinedSizeCheck.JudgeFirst(R(451)));
    }
}
