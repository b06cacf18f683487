using FtpMount.Ftp.Pool;
using Microsoft.Extensions.Time.Testing;

namespace FtpMount.Ftp.Tests.Pool;

/// <summary>
/// The operation deadline's two clocks on a fake clock: the quiet one restarts on every answer, the total one does
/// not, and both stop while the operation waits in line for a connection. (Scripted/OperationDeadlineTests proves the
/// same against a server that drips its replies, in real time.)
/// </summary>
public sealed class OperationDeadlineClockTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void An_operation_the_server_stops_answering_ends_once_the_quiet_time_passed()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new OperationDeadline(Quiet, null, clock, CancellationToken.None);
        var token = deadline.Start();

        clock.Advance(Quiet - Tick);
        Assert.False(token.IsCancellationRequested);
        Assert.False(deadline.HasPassed);

        clock.Advance(Tick);
        Assert.True(token.IsCancellationRequested);
        Assert.True(deadline.HasPassed);
        Assert.Equal("got no answer for 3 s", deadline.Describe());
    }

    [Fact]
    public void Every_answer_restarts_the_quiet_clock_so_a_slow_server_that_keeps_answering_is_given_its_time()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new OperationDeadline(Quiet, null, clock, CancellationToken.None);
        var token = deadline.Start();

        for (var i = 0; i < 20; i++)
        {
            clock.Advance(Quiet - Tick);
            deadline.Progress();
        }

        Assert.False(token.IsCancellationRequested);
        Assert.False(deadline.HasPassed);
        clock.Advance(Quiet);
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public void A_listing_that_keeps_answering_ends_after_its_total_time()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new OperationDeadline(Quiet, Total, clock, CancellationToken.None);
        var token = deadline.Start();

        var elapsed = TimeSpan.Zero;
        while (elapsed + TimeSpan.FromSeconds(1) < Total)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            elapsed += TimeSpan.FromSeconds(1);
            deadline.Progress();
            Assert.False(token.IsCancellationRequested, $"ended after {elapsed}");
        }

        clock.Advance(Total - elapsed);
        Assert.True(token.IsCancellationRequested);
        Assert.True(deadline.HasPassed);
        Assert.Equal("did not finish within 12 s", deadline.Describe());
    }

    [Fact]
    public void Waiting_in_line_for_a_connection_stops_both_clocks()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new OperationDeadline(Quiet, Total, clock, CancellationToken.None);
        deadline.Start();
        clock.Advance(TimeSpan.FromSeconds(2));

        deadline.Pause();
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(deadline.HasPassed);

        // The quiet clock goes on from the 2 s it had: one more second ends it.
        var token = deadline.Start();
        clock.Advance(TimeSpan.FromSeconds(1) - Tick);
        Assert.False(token.IsCancellationRequested);
        clock.Advance(Tick);
        Assert.True(token.IsCancellationRequested);
        Assert.Equal("got no answer for 3 s", deadline.Describe());
    }

    [Fact]
    public void The_total_clock_adds_up_the_running_time_across_waits_in_line()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new OperationDeadline(Quiet, Total, clock, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            deadline.Start();
            clock.Advance(TimeSpan.FromSeconds(2));
            deadline.Progress();
            deadline.Pause();
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        // 10 s of the 12 ran; the quiet clock was restarted by the last answer.
        var token = deadline.Start();
        clock.Advance(TimeSpan.FromSeconds(2) - Tick);
        Assert.False(token.IsCancellationRequested);
        clock.Advance(Tick);
        Assert.True(token.IsCancellationRequested);
        Assert.Equal("did not finish within 12 s", deadline.Describe());
    }

    [Fact]
    public void A_pause_between_attempts_is_allowed_only_while_it_leaves_time_to_try_again()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new OperationDeadline(Quiet, Total, clock, CancellationToken.None);
        deadline.Start();
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(deadline.AllowsPause(TimeSpan.FromMilliseconds(999)));
        Assert.False(deadline.AllowsPause(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_callers_cancellation_ends_the_operation_at_once()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var deadline = new OperationDeadline(Quiet, Total, clock, caller.Token);
        var token = deadline.Start();

        caller.Cancel();

        Assert.True(token.IsCancellationRequested);
        Assert.False(deadline.HasPassed);
    }

    [Fact]
    public void Starting_again_while_running_keeps_the_clocks_and_the_token()
    {
        var clock = new FakeTimeProvider();
        using var deadline = new OperationDeadline(Quiet, null, clock, CancellationToken.None);
        var first = deadline.Start();
        clock.Advance(TimeSpan.FromSeconds(2));

        var second = deadline.Start();
        Assert.Equal(first, second);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(second.IsCancellationRequested);
    }
}
