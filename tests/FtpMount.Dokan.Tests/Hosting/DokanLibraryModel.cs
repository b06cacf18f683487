using System.Runtime.InteropServices;
using FtpMount.Dokan.Native;

namespace FtpMount.Dokan.Tests.Hosting;

/// <summary>
/// dokan2.dll and its driver as dokany's sources describe them, behind <see cref="IDokanLibrary"/>: DokanHost, its
/// keep-alive and the real callbacks run against it on Linux. Where the real library would end the process
/// (wcscpy_s overflow), unmount a volume that is not ours, touch freed memory or reset a request that has returned,
/// the model throws <see cref="DokanModelViolation"/> and records it, failing the test.
/// </summary>
internal sealed unsafe class DokanLibraryModel : IDokanLibrary, IDisposable
{
    /// <summary>What DokanCreateFileSystem hands out as the DOKAN_HANDLE.</summary>
    private const nint Handle = 0x5150;

    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _closed = new();
    private readonly List<string> _removed = [];
    private readonly List<(uint Timeout, nint Info)> _resets = [];
    private readonly HashSet<nint> _running = [];
    private readonly List<string> _violations = [];
    private DOKAN_OPTIONS* _options;
    private DOKAN_OPERATIONS* _operations;
    private string? _mountPoint;
    private bool _freed;
    private int _users;
    private int _closeHandleCalls;
    private long _serial;

    /// <summary>The letter the mount manager assigns instead of the one asked for (its drive is taken).</summary>
    public char? MountManagerLetter { get; init; }

    /// <summary>DOKAN_INSTANCE.MountPoint: where the volume is.</summary>
    public string? MountPoint => _mountPoint;

    public DOKAN_OPERATIONS* Operations => _operations;

    public DOKAN_OPTIONS* Options => _options;

    /// <summary>DOKAN_OPTIONS.UNCName as the library received it.</summary>
    public string? UncName => _options == null || _options->UNCName == null ? null : new string(_options->UNCName);

    public int Users => Volatile.Read(ref _users);

    public int CloseHandleCalls => Volatile.Read(ref _closeHandleCalls);

    public bool IsClosed => _closed.IsSet;

    public string[] RemovedMountPoints
    {
        get
        {
            lock (_gate)
            {
                return [.. _removed];
            }
        }
    }

    public string[] Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    public void Acquire() => Interlocked.Increment(ref _users);

    public void Release() => Interlocked.Decrement(ref _users);

    public int CreateFileSystem(DOKAN_OPTIONS* options, DOKAN_OPERATIONS* operations, out nint instance)
    {
        instance = 0;
        if (Users <= 0)
        {
            throw Violation("DokanCreateFileSystem before DokanInit raises DOKAN_EXCEPTION_NOT_INITIALIZED (dokan/dokan.c)");
        }

        var mountPoint = new string(options->MountPoint);
        var drive = IsMountPointDriveLetter(mountPoint);
        var flags = options->Options;

        // dokan/dokan.c, DokanCreateFileSystem: network mode on a folder is silently dropped; without UNC name refused.
        if ((flags & DokanOptionFlags.DOKAN_OPTION_NETWORK) != 0 && !drive)
        {
            flags &= ~DokanOptionFlags.DOKAN_OPTION_NETWORK;
        }

        if ((flags & DokanOptionFlags.DOKAN_OPTION_NETWORK) != 0 && options->UNCName == null)
        {
            return DokanMainResult.DOKAN_MOUNT_POINT_ERROR;
        }

        if (options->Version < 200)
        {
            return DokanMainResult.DOKAN_VERSION_ERROR;
        }

        // wcscpy_s into DOKAN_INSTANCE.MountPoint[MAX_PATH] and UNCName[64]: the CRT's handler ends the process.
        if (mountPoint.Length + 1 > DokanLimits.MountPointCapacity)
        {
            throw Violation($"wcscpy_s overflowed DOKAN_INSTANCE.MountPoint[260] with {mountPoint.Length} characters: ftpmount terminated");
        }

        if (options->UNCName != null && new string(options->UNCName).Length + 1 > DokanLimits.UncNameCapacity)
        {
            throw Violation($"wcscpy_s overflowed DOKAN_INSTANCE.UNCName[64] with \"{new string(options->UNCName)}\": ftpmount terminated");
        }

        // sys/event.c, DokanEventStart: "\DosDevices\" + folder in MAXIMUM_FILENAME_LENGTH characters, cut silently.
        if (!drive && DokanLimits.DosDevicesPrefix.Length + mountPoint.Length + 1 > DokanLimits.MAXIMUM_FILENAME_LENGTH)
        {
            throw Violation($"the driver cut the mount entry of a {mountPoint.Length}-character folder: it names another folder");
        }

        // dokan/dokan.c, DokanStart: with the mount manager, the driver's ActualDriveLetter replaces MountPoint[0].
        if ((flags & DokanOptionFlags.DOKAN_OPTION_MOUNT_MANAGER) != 0 && drive && MountManagerLetter is { } letter)
        {
            mountPoint = letter + mountPoint[1..];
        }

        _options = options;
        _operations = operations;
        _mountPoint = mountPoint;

        // DokanCreateFileSystem tells Mounted the instance's mount point before it returns, with a zeroed
        // DOKAN_FILE_INFO of its stack that only points at the options.
        if (operations->Mounted != null)
        {
            DOKAN_FILE_INFO info = default;
            info.DokanOptions = options;
            fixed (char* point = mountPoint)
            {
                _ = operations->Mounted(point, &info);
            }
        }

        instance = Handle;
        return DokanMainResult.DOKAN_SUCCESS;
    }

    public uint WaitForFileSystemClosed(nint instance, uint milliseconds)
    {
        CheckHandle(instance, "DokanWaitForFileSystemClosed");
        return _closed.Wait(milliseconds == uint.MaxValue ? System.Threading.Timeout.Infinite : (int)milliseconds)
            ? IDokanLibrary.WAIT_OBJECT_0
            : IDokanLibrary.WAIT_TIMEOUT;
    }

    /// <summary>dokan/dokan.c: DokanRemoveMountPoint(instance->MountPoint), wait until closed, DeleteDokanInstance.</summary>
    public void CloseHandle(nint instance)
    {
        CheckHandle(instance, "DokanCloseHandle");
        Interlocked.Increment(ref _closeHandleCalls);
        RemoveMountPoint(_mountPoint!);
        _closed.Wait();
        _freed = true;
    }

    public bool ResetTimeout(uint timeout, DOKAN_FILE_INFO* info)
    {
        lock (_gate)
        {
            // dokan/timeout.c reads FileInfo->DokanContext as the request's DOKAN_IO_EVENT without a null check; the
            // DOKAN_FILE_INFO the library builds on its stack for Mounted and Unmounted has none.
            if (info->DokanContext == 0)
            {
                throw Violation("DokanResetTimeout on a DOKAN_FILE_INFO without DokanContext: the library dereferences null");
            }

            if (!_running.Contains((nint)info))
            {
                throw Violation("DokanResetTimeout on a DOKAN_FILE_INFO whose callback has returned (the library reuses it)");
            }

            _resets.Add((timeout, (nint)info));
        }

        return true;
    }

    /// <summary>Resets sent for <paramref name="info"/> so far, with their timeouts.</summary>
    public uint[] ResetsFor(nint info)
    {
        lock (_gate)
        {
            return [.. _resets.Where(r => r.Info == info).Select(r => r.Timeout)];
        }
    }

    /// <summary>Someone else unmounts the volume (Explorer's disconnect, dokanctl /u), at its real mount point.</summary>
    public void UnmountFromOutside() => RemoveMountPoint(_mountPoint!);

    /// <summary>A request as the library's worker thread has it: a DOKAN_FILE_INFO valid until disposed.</summary>
    public Request BeginRequest(ulong context = 0) => new(this, context);

    public void Dispose() => _closed.Dispose();

    /// <summary>dokan/mount.c, DokanRemoveMountPoint: the driver unmounts the volume at that point, whoever's it is.</summary>
    private void RemoveMountPoint(string point)
    {
        lock (_gate)
        {
            _removed.Add(point);
        }

        if (!string.Equals(point, _mountPoint, StringComparison.OrdinalIgnoreCase))
        {
            throw Violation($"DokanRemoveMountPoint({point}) unmounts a volume that is not ours: this one is at {_mountPoint}");
        }

        if (_closed.IsSet)
        {
            return;
        }

        // dokan/mount.c, DokanNotifyUnmounted: Unmounted is called, then the instance counts as closed.
        if (_operations->Unmounted != null)
        {
            DOKAN_FILE_INFO info = default;
            info.DokanOptions = _options;
            _ = _operations->Unmounted(&info);
        }

        _closed.Set();
    }

    private void CheckHandle(nint instance, string function)
    {
        if (instance != Handle || _freed)
        {
            throw Violation($"{function} on a DOKAN_HANDLE that is not live (0x{instance:X}, freed: {_freed})");
        }
    }

    private DokanModelViolation Violation(string what)
    {
        lock (_gate)
        {
            _violations.Add(what);
        }

        return new DokanModelViolation(what);
    }

    /// <summary>dokan/dokan.c, IsMountPointDriveLetter.</summary>
    private static bool IsMountPointDriveLetter(string mountPoint) =>
        mountPoint.Length == 1 || (mountPoint.Length == 2 && mountPoint[1] == ':') || (mountPoint.Length == 3 && mountPoint[1] == ':' && mountPoint[2] == '\\');

    internal sealed class Request : IDisposable
    {
        private readonly DokanLibraryModel _model;

        public Request(DokanLibraryModel model, ulong context)
        {
            _model = model;
            Info = (DOKAN_FILE_INFO*)NativeMemory.AllocZeroed((nuint)sizeof(DOKAN_FILE_INFO));
            Info->DokanOptions = model._options;
            Info->Context = context;
            Info->DokanContext = (ulong)Interlocked.Increment(ref model._serial);
            lock (model._gate)
            {
                model._running.Add((nint)Info);
            }
        }

        public DOKAN_FILE_INFO* Info { get; }

        /// <summary>The DOKAN_FILE_INFO's address, as the model records resets by it.</summary>
        public nint Address => (nint)Info;

        public void Dispose()
        {
            lock (_model._gate)
            {
                _model._running.Remove((nint)Info);
            }

            NativeMemory.Free(Info);
        }
    }
}

/// <summary>Something the real dokan2.dll would answer by ending the process or harming another volume.</summary>
internal sealed class DokanModelViolation(string message) : Exception(message);
