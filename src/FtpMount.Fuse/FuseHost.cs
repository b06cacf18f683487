using System.Runtime.InteropServices;
using FtpMount.Core.Hosting;
using FtpMount.Fuse.Kernel;
using FtpMount.Fuse.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Fuse;

/// <summary>
/// Mounts one <see cref="IFuseFileSystem"/> through libfuse3 and serves it on a dedicated thread running
/// libfuse's multithreaded loop, until <see cref="Unmount"/>, cancellation of <see cref="RunAsync"/>'s token,
/// or an external <c>fusermount3 -u</c>.
/// </summary>
/// <remarks>
/// The host installs no signal handlers: libfuse's <c>fuse_set_signal_handlers</c> would replace the .NET
/// runtime's own SIGINT/SIGTERM handling process-wide. The application maps signals to the token instead
/// (<see cref="PosixSignalRegistration"/> → cancel), which ends in the same clean unmount.
/// </remarks>
public sealed partial class FuseHost : IAsyncDisposable
{
    private readonly MountLifecycle _lifecycle;
    private readonly ILogger _logger;
    private FuseInstance? _instance;
    private GCHandle _self;
    private int _readAheadPending;

    public FuseHost(IFuseFileSystem fileSystem, FuseMountOptions options, ILogger<FuseHost>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsLinux() || !StatWriter.IsSupported(RuntimeInformation.ProcessArchitecture))
        {
            throw new PlatformNotSupportedException($"FUSE mounts need 64-bit Linux on x64, arm64, riscv64 or loongarch64, not {RuntimeInformation.OSDescription} on {RuntimeInformation.ProcessArchitecture}.");
        }

        options.Validate();
        FileSystem = fileSystem;
        Options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Release = FuseLibrary.Current;
        _lifecycle = new MountLifecycle(nameof(FuseHost), "fuse loop", Mount, () => _instance!.RequestExit(), Wake);
    }

    public FuseMountOptions Options { get; }

    internal IFuseFileSystem FileSystem { get; }

    /// <summary>The libfuse release every mount of this process uses.</summary>
    internal FuseRelease Release { get; }

    /// <summary>
    /// Loads libfuse 3 (libfuse3.so.4, else libfuse3.so.3) if no host did yet, and says which release it is. Lets a
    /// program fail with <see cref="FuseLibraryException"/>, which names the package to install, before it does
    /// anything else.
    /// </summary>
    public static FuseLibraryInfo LoadLibrary() => FuseLibrary.Current.Info;

    /// <summary>
    /// Mounts and serves the file system. The mount is in place once this method has returned a task that is not
    /// faulted; the task completes when the file system is unmounted, whatever the reason. Cancelling
    /// <paramref name="cancellationToken"/> unmounts. A host runs once.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => _lifecycle.RunAsync(cancellationToken);

    /// <summary>
    /// Asks the loop to end and unmount. Returns at once; <see cref="RunAsync"/>'s task completes when done.
    /// Safe to call at any time, from any thread, more than once; never call it from a file system callback
    /// expecting to wait for the result.
    /// </summary>
    public void Unmount() => _lifecycle.Stop();

    /// <summary>
    /// Drops the kernel's cached data and attributes for <paramref name="path"/> after a change made elsewhere.
    /// Never call it from a callback: the kernel may need to write back dirty pages through this very mount.
    /// </summary>
    /// <returns>0, or a negated errno (-ENOENT when the kernel has nothing cached for the path).</returns>
    public int InvalidatePath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return _lifecycle.WhileServed(() => _instance!.InvalidatePath(path), -Errno.ENOTCONN);
    }

    /// <summary>Unmounts and waits up to <see cref="FuseMountOptions.UnmountTimeout"/> for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!await _lifecycle.StopAndWaitAsync(Options.UnmountTimeout).ConfigureAwait(false))
        {
            LogUnmountTimedOut(Options.MountPoint, Options.UnmountTimeout);
        }
    }

    /// <summary>
    /// Called from the init callback. The INIT reply goes out only after init returns and may lower the read-ahead
    /// again, so the raise waits for the first open (<see cref="RaiseReadAheadOnce"/>): the kernel sends none
    /// before INIT is answered, and it sizes a file's read-ahead only after the open was answered.
    /// </summary>
    internal void OnInitialized() => Volatile.Write(ref _readAheadPending, Options.ReadAheadKib is null ? 0 : 1);

    /// <summary>
    /// Raises the kernel read-ahead on the first open. Done in-process on the worker thread rather than from a
    /// thread that sends our own mount a request: a request from the daemon to itself can outlive the loop and
    /// keep the process from exiting.
    /// </summary>
    internal void RaiseReadAheadOnce()
    {
        if (Volatile.Read(ref _readAheadPending) == 0 || Interlocked.Exchange(ref _readAheadPending, 0) == 0)
        {
            return;
        }

        int kib = Options.ReadAheadKib!.Value;
        string? failure;
        try
        {
            failure = KernelReadAhead.TrySet(Options.MountPoint, kib);
        }
        catch (Exception exception)
        {
            // A faster read is never worth a failed open: whatever went wrong, the mount keeps the default.
            failure = exception.Message;
        }

        if (failure is not null)
        {
            LogReadAheadUnchanged(Options.MountPoint, kib, failure);
        }
    }

    internal void OnCallbackException(string operation, Exception exception) => LogCallbackFailed(operation, exception);

    private ThreadStart Mount()
    {
        LogLibrary(Release.Info.ToString(), Release.NewEntryPoint, Release.LoopEntryPoint, Release.FileInfoBits.Name);
        if (FuseReleaseLoader.IsNewerThanTested(Release.Version))
        {
            LogNewerThanTested(Release.Version, FuseReleaseLoader.NewestTested);
        }

        _self = GCHandle.Alloc(this);
        string? listingsUncached;
        try
        {
            _instance = FuseInstance.Create(Release, FuseArguments.Build(Options), GCHandle.ToIntPtr(_self));
            try
            {
                listingsUncached = _instance.Mount(Options.MountPoint);
            }
            catch
            {
                _instance.Destroy();
                throw;
            }
        }
        catch
        {
            _self.Free();
            throw;
        }

        LogMounted(Options.MountPoint, Options.FileSystemName);
        if (listingsUncached is not null)
        {
            LogListingsUncached(Release.Info.ToString(), listingsUncached);
        }

        return RunLoop;
    }

    /// <summary>The wake-up is a request to our own mount, so it must come from a thread that no callback waits on.</summary>
    private void Wake()
    {
        var wake = new Thread(static mountPoint => FuseInstance.Wake((string)mountPoint!))
        {
            IsBackground = true,
            Name = "fuse wake",
        };
        wake.UnsafeStart(Options.MountPoint);
    }

    private void RunLoop()
    {
        FuseInstance instance = _instance!;
        int result = 0;
        Exception? failure = null;
        try
        {
            result = instance.Loop((uint)Options.MaxThreads);
        }
        catch (Exception exception)
        {
            // Surfaced through RunAsync's task instead of killing the process on this thread.
            failure = exception;
        }

        var requested = _lifecycle.Ended();

        try
        {
            // With no worker left reading /dev/fuse, closing it aborts the connection, so even a mount still
            // pinned by open files lets go; then the (lazy) unmount detaches it.
            instance.Unmount();
            instance.Destroy();
        }
        catch (Exception exception)
        {
            failure ??= exception;
        }
        finally
        {
            _self.Free();
        }

        LogUnmounted(Options.MountPoint, result);
        if (failure is null && result != 0 && !requested)
        {
            failure = new FuseException($"fuse_loop_mt failed for '{Options.MountPoint}'", result);
        }

        _lifecycle.Finish(failure);
    }

    [LoggerMessage(1, LogLevel.Information, "Mounted {FileSystemName} on {MountPoint}")]
    private partial void LogMounted(string mountPoint, string fileSystemName);

    [LoggerMessage(2, LogLevel.Information, "Unmounted {MountPoint} (loop result {Result})")]
    private partial void LogUnmounted(string mountPoint, int result);

    [LoggerMessage(3, LogLevel.Error, "FUSE operation {Operation} threw; answered EIO")]
    private partial void LogCallbackFailed(string operation, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Kernel read-ahead for {MountPoint} stays at its default, not {Kib} KiB: {Reason}")]
    private partial void LogReadAheadUnchanged(string mountPoint, int kib, string reason);

    [LoggerMessage(4, LogLevel.Warning, "The FUSE loop for {MountPoint} did not end within {Timeout}")]
    private partial void LogUnmountTimedOut(string mountPoint, TimeSpan timeout);

    [LoggerMessage(6, LogLevel.Information, "Using {Library}: {NewEntryPoint}, {LoopEntryPoint}, fuse_file_info bits of {BitLayout}")]
    private partial void LogLibrary(string library, string newEntryPoint, string loopEntryPoint, string bitLayout);

    [LoggerMessage(8, LogLevel.Information, "The kernel cannot keep folder listings with {Library}, so every listing is read through the mount: {Reason}")]
    private partial void LogListingsUncached(string library, string reason);

    [LoggerMessage(7, LogLevel.Warning, "libfuse {Version} is newer than {NewestTested}, the newest release ftpmount was tested with; its ABI promises the same layouts")]
    private partial void LogNewerThanTested(Version version, Version newestTested);
}
