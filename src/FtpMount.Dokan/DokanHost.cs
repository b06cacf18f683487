using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using FtpMount.Core.Hosting;
using FtpMount.Dokan.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Dokan;

/// <summary>
/// Mounts one <see cref="IDokanFileSystem"/> through dokan2.dll. DokanCreateFileSystem mounts; one dedicated thread
/// owns the instance from then on: it watches for the volume to go (unmounted from outside) or for
/// <see cref="Unmount"/>, and then calls DokanCloseHandle, which unmounts what the driver mounted and returns once no
/// callback runs any more. A <see cref="RequestKeepAlive"/> keeps every request a callback serves within the driver's
/// deadline.
/// </summary>
public sealed partial class DokanHost : IAsyncDisposable
{
    /// <summary>How often the owning thread asks the library whether the volume went away by itself.</summary>
    private static readonly TimeSpan ClosedPoll = TimeSpan.FromMilliseconds(500);

    private readonly MountLifecycle _lifecycle;
    private readonly ManualResetEventSlim _unmountRequested = new();
    private readonly IDokanLibrary _library;
    private readonly TimeSpan? _keepAliveInterval;
    private readonly ILogger _logger;
    private DokanInstance? _instance;
    private RequestKeepAlive? _keepAlive;
    private GCHandle _self;

    /// <summary>Mounts through the installed dokan2.dll (Dokan 2.x, 64-bit Windows).</summary>
    [SupportedOSPlatform("windows")]
    public DokanHost(IDokanFileSystem fileSystem, DokanMountOptions options, ILogger<DokanHost>? logger = null)
        : this(fileSystem, options, Dokan2Library.Instance, logger)
    {
        if (!OperatingSystem.IsWindows() || !Environment.Is64BitProcess)
        {
            throw new PlatformNotSupportedException($"Dokan mounts need 64-bit Windows, not {RuntimeInformation.OSDescription}.");
        }
    }

    /// <param name="keepAliveInterval">The tests' seam; otherwise <see cref="DokanMountOptions.KeepAliveInterval"/>.</param>
    internal DokanHost(
        IDokanFileSystem fileSystem, DokanMountOptions options, IDokanLibrary library, ILogger? logger, TimeSpan? keepAliveInterval = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(library);
        FileSystem = fileSystem;
        Options = options.Validate();
        _library = library;
        _keepAliveInterval = keepAliveInterval;
        _logger = logger ?? NullLogger.Instance;
        _lifecycle = new MountLifecycle(nameof(DokanHost), "dokan instance", Mount, _unmountRequested.Set);
    }

    public DokanMountOptions Options { get; }

    /// <summary>Where the volume is: the Mounted callback's answer (the mount manager may pick another letter).</summary>
    public string? MountedAt { get; private set; }

    internal IDokanFileSystem FileSystem { get; }

    /// <summary>The callbacks' keep-alive; set while mounted.</summary>
    internal RequestKeepAlive KeepAlive => _keepAlive!;

    /// <summary>
    /// Mounts and serves the volume. The volume is mounted once this returns a task that is not faulted; the task
    /// completes when it is unmounted, whatever the reason. Cancelling <paramref name="cancellationToken"/> unmounts.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => _lifecycle.RunAsync(cancellationToken);

    /// <summary>Asks for the volume to be unmounted; returns at once. Safe from any thread, a callback included, and more than once.</summary>
    public void Unmount() => _lifecycle.Stop();

    public async ValueTask DisposeAsync()
    {
        if (!await _lifecycle.StopAndWaitAsync(Options.UnmountTimeout).ConfigureAwait(false))
        {
            LogUnmountTimedOut(MountedAt ?? Options.NativeMountPoint, Options.UnmountTimeout);
        }
    }

    internal void OnCallbackException(string operation, Exception exception) => LogCallbackFailed(operation, exception);

    internal void OnMounted(string mountPoint) => MountedAt = mountPoint;

    private ThreadStart Mount()
    {
        _self = GCHandle.Alloc(this);
        _library.Acquire();

        // Before the mount: the library's threads may deliver requests before DokanCreateFileSystem has returned.
        _keepAlive = _keepAliveInterval is { } interval
            ? new RequestKeepAlive(_library, Options.TimeoutMilliseconds, interval, _logger)
            : new RequestKeepAlive(_library, Options, _logger);
        try
        {
            _instance = DokanInstance.Mount(_library, Options, GCHandle.ToIntPtr(_self));
        }
        catch
        {
            _keepAlive.Dispose();
            _library.Release();
            _self.Free();
            throw;
        }

        LogMounted(MountedAt ?? Options.NativeMountPoint, Options.UncName ?? "(local volume)");
        return ServeUntilUnmounted;
    }

    private void ServeUntilUnmounted()
    {
        var instance = _instance!;
        Exception? failure = null;
        try
        {
            // Until Unmount() is asked for or the volume went by itself (Explorer's disconnect, dokanctl /u).
            while (!_unmountRequested.Wait(ClosedPoll) && !instance.HasClosed(TimeSpan.Zero))
            {
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        _lifecycle.Ended();
        try
        {
            // Unmounts the instance's own mount point and returns once no callback runs any more: only then may
            // the keep-alive, the GCHandle and the native memory go.
            instance.Close();
            _keepAlive!.Dispose();
            _library.Release();
            _self.Free();
        }
        catch (Exception exception)
        {
            failure ??= exception;
        }

        LogUnmounted(MountedAt ?? Options.NativeMountPoint);
        _lifecycle.Finish(failure);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Mounted at {MountPoint} ({UncName})")]
    private partial void LogMounted(string mountPoint, string uncName);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Unmounted {MountPoint}")]
    private partial void LogUnmounted(string mountPoint);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "A Dokan callback ({Operation}) threw; answered STATUS_UNEXPECTED_IO_ERROR")]
    private partial void LogCallbackFailed(string operation, Exception exception);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "{MountPoint} was not unmounted within {Timeout}")]
    private partial void LogUnmountTimedOut(string mountPoint, TimeSpan timeout);
}
