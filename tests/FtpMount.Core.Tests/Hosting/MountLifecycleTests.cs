namespace FtpMount.Core.Tests.Hosting;

/// <summary>The run-once life FuseHost and DokanHost share, over a model of their serving thread.</summary>
public sealed class MountLifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task A_host_mounts_only_once()
    {
        using var host = new ServingThreadModel();
        var running = host.Lifecycle.RunAsync(Ct);

        var second = Assert.Throws<InvalidOperationException>(() => { _ = host.Lifecycle.RunAsync(Ct); });

        Assert.Equal("A TestHost mounts only once.", second.Message);
        Assert.Equal(1, host.Starts);
        host.Lifecycle.Stop();
        await running.WaitAsync(Patience, Ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failed_mount_faults_RunAsync_and_leaves_nothing_to_stop()
    {
        var refused = new IOException("mount refused");
        using var host = new ServingThreadModel(mountFailure: refused);

        var running = host.Lifecycle.RunAsync(Ct);
        host.Lifecycle.Stop();

        Assert.Same(refused, await Assert.ThrowsAsync<IOException>(() => running));
        Assert.True(await host.Lifecycle.StopAndWaitAsync(Patience));
        Assert.Equal(0, host.StopRequests);
        Assert.Throws<InvalidOperationException>(() => { _ = host.Lifecycle.RunAsync(Ct); });
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_the_token_and_racing_unmounts_ask_the_serving_thread_to_stop_once()
    {
        using var host = new ServingThreadModel();
        using var signal = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = host.Lifecycle.RunAsync(signal.Token);

        using var go = new Barrier(9);
        var unmounts = Enumerable.Range(0, 8).Select(_ => Task.Run(
            () =>
            {
                go.SignalAndWait(Ct);
                host.Lifecycle.Stop();
            },
            Ct)).ToList();
        go.SignalAndWait(Ct);
        await signal.CancelAsync();
        await Task.WhenAll(unmounts).WaitAsync(Patience, Ct);
        await running.WaitAsync(Patience, Ct);

        Assert.Equal(1, host.StopRequests);
        Assert.Equal(1, host.Wakes);
        Assert.True(await host.EndedAsRequested);
        Assert.Equal(1, host.Releases);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_mount_gone_by_itself_ends_RunAsync_and_nothing_is_asked_of_it_afterwards()
    {
        using var host = new ServingThreadModel();
        var running = host.Lifecycle.RunAsync(Ct);
        Assert.Equal("served", host.Lifecycle.WhileServed(() => "served", "gone"));

        host.GoAwayFromOutside();
        await running.WaitAsync(Patience, Ct);
        host.Lifecycle.Stop();

        Assert.False(await host.EndedAsRequested);
        Assert.Equal("gone", host.Lifecycle.WhileServed(() => "served", "gone"));
        Assert.Equal(0, host.StopRequests);
        Assert.True(await host.Lifecycle.StopAndWaitAsync(Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task Nothing_the_serving_thread_releases_is_used_once_it_ended_serving()
    {
        using var host = new ServingThreadModel();
        host.HoldRelease();
        var running = host.Lifecycle.RunAsync(Ct);

        host.Lifecycle.Stop();
        await host.EndedAsRequested.WaitAsync(Patience, Ct);

        // While the serving thread releases, neither a second stop nor a use of the mount reaches what it releases.
        host.Lifecycle.Stop();
        Assert.Equal("gone", host.Lifecycle.WhileServed(() => "served", "gone"));
        Assert.Equal(1, host.StopRequests);
        host.LetRelease();
        await running.WaitAsync(Patience, Ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task Disposal_before_a_run_mounts_nothing_and_returns_at_once()
    {
        using var host = new ServingThreadModel();

        Assert.True(await host.Lifecycle.StopAndWaitAsync(Patience));

        Assert.Equal(0, host.Starts);
        Assert.Equal(0, host.StopRequests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Disposal_says_when_the_end_did_not_come_in_time_and_never_throws_a_serving_failure()
    {
        var broken = new IOException("loop failed");
        using var host = new ServingThreadModel(servingFailure: broken);
        host.HoldRelease();
        var running = host.Lifecycle.RunAsync(Ct);

        Assert.False(await host.Lifecycle.StopAndWaitAsync(TimeSpan.FromMilliseconds(50)));
        host.LetRelease();

        Assert.Same(broken, await Assert.ThrowsAsync<IOException>(() => running.WaitAsync(Patience, Ct)));
        Assert.True(await host.Lifecycle.StopAndWaitAsync(Patience));
        Assert.Equal(1, host.StopRequests);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_token_cancelled_before_the_run_mounts_nothing()
    {
        using var host = new ServingThreadModel();

        var running = host.Lifecycle.RunAsync(new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(0, host.Starts);
    }
}
