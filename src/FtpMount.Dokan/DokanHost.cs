using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using FtpMount.Dokan.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Dokan;

/// <summary>
/// Mounts one <see cref="IDokanFileSystem"/> through dokan2.dll: DokanCreateFileSystem mounts, a dedicated thread
/// waits in DokanWaitForFileSystemClosed, and <see cref="Unmount"/> (or cancelling <see cref="RunAsync"/>'s token)
/// asks DokanRemoveMountPoint; DokanCloseHandle releases the instance once it has closed.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed partial class DokanHost : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private State _state;
    private DokanInstance? _instance;
    private GCHandle _self;

    public DokanHost(IDokanFileSystem fileSystem, DokanMountOptions options, ILogger<DokanHost>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsWindows() || !Environment.Is64BitProcess)
        {
            throw new PlatformNotSupportedException($"Dokan mounts need 64-bit Windows, not {RuntimeInformation.OSDescription}.");
        }

        FileSystem = fileSystem;
        Options = options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    private enum State
    {
        Created,
        Running,
        Stopping,
        Stopped,
    }

    public DokanMountOptions Options { get; }

    /// <summary>Where the volume is: the Mounted callback's answer (the mount manager may pick another letter).</summary>
    public string? MountedAt { get; private set; }

    internal IDokanFileSystem FileSystem { get; }

    /// <summary>
    /// Mounts and serves the volume. The volume is mounted once this returns a task that is not faulted; the task
    /// completes when it is unmounted, whatever the reason. Cancelling <paramref name="cancellationToken"/> unmounts.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        lock (_gate)
        {
            if (_state != State.Created)
            {
                throw new InvalidOperationException("A DokanHost mounts only once.");
            }

            _state = State.Running;
        }

        try
        {
            Start();
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _state = State.Stopped;
            }

            _stopped.TrySetException(exception);
            return _stopped.Task;
        }

        LogMounted(Options.MountPoint, Options.UncName ?? "(local volume)");
        return WaitForUnmountAsync(cancellationToken);
    }

    /// <summary>Asks the driver to unmount; returns at once. Safe from any thread, more than once, but not from a callback expecting the result.</summary>
    public void Unmount()
    {
        DokanInstance instance;
        lock (_gate)
        {
            if (_state != State.Running)
            {
                return;
            }

            _state = State.Stopping;
            instance = _instance!;
        }

        // DokanRemoveMountPoint waits for the driver, which may be waiting on one of our callbacks.
        var remover = new Thread(static state =>
        {
            var (host, dokan) = ((DokanHost, DokanInstance))state!;
            try
            {
                if (!dokan.RequestUnmount())
                {
                    host.LogUnmountRefused(host.Options.MountPoint);
                }
            }
            catch (Exception exception)
            {
                host.LogUnmountFailed(host.Options.MountPoint, exception);
            }
        })
        {
            IsBackground = true,
            Name = "dokan unmount",
        };
        remover.UnsafeStart((this, instance));
    }

    public async ValueTask DisposeAsync()
    {
        Unmount();
        bool started;
        lock (_gate)
        {
            started = _state != State.Created;
        }

        if (!started)
        {
            return;
        }

        try
        {
            await _stopped.Task.WaitAsync(Options.UnmountTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogUnmountTimedOut(Options.MountPoint, Options.UnmountTimeout);
        }
        catch (Exception)
        {
            // Faults were surfaced through RunAsync's task; disposal must not throw them again.
        }
    }

    internal void OnCallbackException(string operation, Exception exception) => LogCallbackFailed(operation, exception);

    internal void OnMounted(string mountPoint) => MountedAt = mountPoint;

    private void Start()
    {
        _self = GCHandle.Alloc(this);
        DokanLibrary.Acquire();
        try
        {
            _instance = DokanInstance.Mount(Options, GCHandle.ToIntPtr(_self));
        }
        catch
        {
            DokanLibrary.Release();
            _self.Free();
            throw;
        }

        var waiter = new Thread(WaitUntilClosed)
        {
            IsBackground = true,
            Name = "dokan wait",
        };
        waiter.UnsafeStart();
    }

    private async Task WaitForUnmountAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(static host => ((DokanHost)host!).Unmount(), this);
        await _stopped.Task.ConfigureAwait(false);
    }

    private void WaitUntilClosed()
    {
        var instance = _instance!;
        Exception? failure = null;
        try
        {
            instance.WaitUntilClosed();
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        try
        {
            // Returns once no callback runs any more: only then may the GCHandle and native memory go.
            instance.Close();
            DokanLibrary.Release();
            _self.Free();
        }
        catch (Exception exception)
        {
            failure ??= exception;
        }

        lock (_gate)
        {
            _state = State.Stopped;
        }

        LogUnmounted(Options.MountPoint);
        if (failure is null)
        {
            _stopped.TrySetResult();
        }
        else
        {
            _stopped.TrySetException(failure);
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Mounted at {MountPoint} ({UncName})")]
    private partial void LogMounted(string mountPoint, string uncName);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Unmounted {MountPoint}")]
    private partial void LogUnmounted(string mountPoint);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "A Dokan callback ({Operation}) threw; answered STATUS_UNEXPECTED_IO_ERROR")]
    private partial void LogCallbackFailed(string operation, Exception exception);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "DokanRemoveMountPoint refused to unmount {MountPoint}")]
    private partial void LogUnmountRefused(string mountPoint);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Unmounting {MountPoint} failed")]
    private partial void LogUnmountFailed(string mountPoint, Exception exception);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "{MountPoint} was not unmounted within {Timeout}")]
    private partial void LogUnmountTimedOut(string mountPoint, TimeSpan timeout);
}
