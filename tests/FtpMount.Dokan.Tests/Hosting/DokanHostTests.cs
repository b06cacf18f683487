using FtpMount.Dokan.Native;

namespace FtpMount.Dokan.Tests.Hosting;

/// <summary>
/// <see cref="DokanHost"/> over <see cref="DokanLibraryModel"/>: mounting, unmounting, the keep-alive of requests,
/// with the real callbacks called through the DOKAN_OPERATIONS table as dokan2.dll's threads call them.
/// </summary>
public sealed class DokanHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Unmount_removes_the_mount_point_the_mount_manager_assigned_not_the_letter_asked_for()
    {
        using var model = new DokanLibraryModel { MountManagerLetter = 'G' };
        var options = new DokanMountOptions { MountPoint = "Z:", MountManager = true, UnmountTimeout = Patience };
        var host = new DokanHost(new ProbeFileSystem(), options, model, null);
        await using (host)
        {
            var running = host.RunAsync(Ct);
            Assert.False(running.IsCompleted, running.Exception?.ToString());
            Assert.Equal(@"G:\", host.MountedAt);

            host.Unmount();
            await Task.WhenAny(running, Task.Delay(Patience, Ct));
            Assert.Empty(model.Violations);
            Assert.True(running.IsCompletedSuccessfully, "the volume was not unmounted");
        }

        Assert.Equal([@"G:\"], model.RemovedMountPoints);
        Assert.Equal(1, model.CloseHandleCalls);
        Assert.Equal(0, model.Users);
    }

    [Fact(Timeout = 30_000)]
    public async Task Volume_unmounted_from_outside_ends_RunAsync_and_releases_the_instance_once()
    {
        using var model = new DokanLibraryModel();
        var unmounted = 0;
        var fileSystem = new ProbeFileSystem { OnCall = method => unmounted += method == nameof(IDokanFileSystem.Unmounted) ? 1 : 0 };
        await using var host = new DokanHost(fileSystem, new DokanMountOptions { MountPoint = "Z" }, model, null);
        var running = host.RunAsync(Ct);

        model.UnmountFromOutside();
        await running.WaitAsync(Patience, Ct);

        Assert.Empty(model.Violations);
        Assert.Equal(1, unmounted);
        Assert.Equal(1, model.CloseHandleCalls);
        Assert.Equal(0, model.Users);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_RunAsync_unmounts()
    {
        using var model = new DokanLibraryModel();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var host = new DokanHost(new ProbeFileSystem(), new DokanMountOptions { MountPoint = @"C:\mnt\ftp" }, model, null);
        var running = host.RunAsync(stop.Token);

        await stop.CancelAsync();
        await running.WaitAsync(Patience, Ct);

        Assert.Empty(model.Violations);
        Assert.Equal([@"C:\mnt\ftp"], model.RemovedMountPoints);
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_request_callback_keeps_its_request_alive_at_the_driver_while_it_runs()
    {
        using var model = new DokanLibraryModel();
        var fileSystem = new ProbeFileSystem();
        var options = new DokanMountOptions { MountPoint = "Z:", Timeout = TimeSpan.FromSeconds(40) };
        await using var host = new DokanHost(fileSystem, options, model, null, keepAliveInterval: TimeSpan.FromMilliseconds(10));
        _ = host.RunAsync(Ct);

        var kept = new List<string>();
        foreach (var slot in LibraryCalls.RequestSlots)
        {
            using var request = model.BeginRequest();
            var info = request.Address;

            // A request that waits on the network gets DokanResetTimeout calls while it waits, as many as it takes.
            fileSystem.OnCall = _ =>
            {
                if (SpinWait.SpinUntil(() => model.ResetsFor(info).Length >= 2, Patience))
                {
                    kept.Add(slot);
                }
            };
            var status = LibraryCalls.Invoke(model, slot, request);
            Assert.True(status == 0, $"{slot} answered 0x{status:X8}");
            Assert.Equal(0, host.KeepAlive.HeldCount);
            Assert.All(model.ResetsFor(info), timeout => Assert.Equal(40_000u, timeout));
        }

        Assert.Equal(LibraryCalls.RequestSlots, kept);
        Assert.Empty(model.Violations);
    }

    [Fact(Timeout = 30_000)]
    public async Task Create_resets_its_deadline_before_it_does_anything()
    {
        using var model = new DokanLibraryModel();
        var fileSystem = new ProbeFileSystem();
        await using var host = new DokanHost(fileSystem, new DokanMountOptions { MountPoint = "Z:" }, model, null, keepAliveInterval: TimeSpan.FromHours(1));
        _ = host.RunAsync(Ct);
        using var request = model.BeginRequest();
        uint[]? atEntry = null;
        fileSystem.OnCall = _ => atEntry = model.ResetsFor(request.Address);

        Assert.Equal(0, LibraryCalls.Invoke(model, "ZwCreateFile", request));

        // The driver's clock started when the request was queued; from now on it counts from the create's start.
        Assert.NotNull(atEntry);
        Assert.Equal([host.Options.TimeoutMilliseconds], atEntry);
    }

    [Fact(Timeout = 30_000)]
    public async Task No_reset_reaches_a_request_whose_callback_has_returned()
    {
        using var model = new DokanLibraryModel();
        var fileSystem = new ProbeFileSystem();
        await using var host = new DokanHost(fileSystem, new DokanMountOptions { MountPoint = "Z:" }, model, null, keepAliveInterval: TimeSpan.FromMilliseconds(1));
        _ = host.RunAsync(Ct);

        // Many short requests while the keep-alive thread resets every millisecond; the model fails any reset of a
        // DOKAN_FILE_INFO the library has taken back.
        for (var i = 0; i < 300; i++)
        {
            using var request = model.BeginRequest();
            LibraryCalls.Invoke(model, "ReadFile", request);
        }

        // One long request outlives many rounds of resets after the short ones returned.
        using (var last = model.BeginRequest())
        {
            fileSystem.OnCall = _ => SpinWait.SpinUntil(() => model.ResetsFor(last.Address).Length >= 5, Patience);
            LibraryCalls.Invoke(model, "ReadFile", last);
            Assert.True(model.ResetsFor(last.Address).Length >= 5, "the keep-alive thread stopped resetting");
        }

        Assert.Empty(model.Violations);
    }

    [Fact(Timeout = 30_000)]
    public async Task Network_drive_for_a_host_name_too_long_for_UNCName_mounts_under_a_shortened_name()
    {
        using var model = new DokanLibraryModel();
        var host = new string('n', 60) + ".storage.example.org";
        var options = new DokanMountOptions { MountPoint = "Z:", UncName = DokanMountOptions.UncNameFor(host) };
        await using var dokan = new DokanHost(new ProbeFileSystem(), options, model, null);

        var running = dokan.RunAsync(Ct);

        Assert.False(running.IsCompleted, running.Exception?.ToString());
        Assert.Empty(model.Violations);
        Assert.Equal(DokanLimits.MaxUncNameLength, model.UncName!.Length);
    }
}
