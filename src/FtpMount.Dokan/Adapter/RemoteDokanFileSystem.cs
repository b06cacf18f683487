using FtpMount.Core;
using FtpMount.Core.Entries;
using FtpMount.Core.Paths;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Dokan.Adapter;

/// <summary>
/// Serves a <see cref="RemoteFileSystem"/> through Dokan. Windows paths are matched to the server's names ignoring
/// case (<see cref="PathResolver"/>); each open is an <see cref="OpenHandle"/> whose id is the Dokan context.
/// Content is saved at Cleanup (the application closed its handle) and the core's file released at CloseFile, so
/// paging writes the cache manager sends after Cleanup are still saved.
/// </summary>
public sealed class RemoteDokanFileSystem : IDokanFileSystem
{
    private readonly RemoteFileSystem _core;
    private readonly RemoteDokanOptions _options;
    private readonly ILogger _logger;
    private readonly PathResolver _resolver;
    private readonly OpenHandleTable _handles = new();
    private readonly CreateFileOperation _create;
    private readonly AdapterCalls _calls;

    public RemoteDokanFileSystem(RemoteFileSystem core, RemoteDokanOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(options);
        _core = core;
        _options = options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _resolver = new PathResolver(core);
        _create = new CreateFileOperation(core, _resolver, _handles);
        _calls = new AdapterCalls(_logger, _options);
    }

    /// <summary>Opens not yet closed by CloseFile.</summary>
    public int OpenHandleCount => _handles.Count;

    private bool ReadOnly => _core.ReadOnly;

    public NtStatus CreateFile(
        string fileName, DokanAccessMask desiredAccess, FileAttributes fileAttributes, FileShare shareAccess,
        CreationDisposition disposition, CreateOptions options, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);

        // FTP keeps neither attributes nor share modes: an open is never refused for them.
        _ = fileAttributes;
        _ = shareAccess;
        var directoryAsked = info.IsDirectory;
        return _calls.Execute(
            "CreateFile",
            fileName,
            ct => _create.RunAsync(fileName, desiredAccess, disposition, options, directoryAsked, ct),
            outcome => _create.Answer(outcome, info),
            _options.RequestTimeout,
            ReleaseUnanswered);
    }

    public void Cleanup(string fileName, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (_handles.Find(info.Context) is not { } handle)
        {
            return;
        }

        if (info.DeletePending)
        {
            // DeleteFile/DeleteDirectory (or ZwCreateFile with FILE_DELETE_ON_CLOSE) allowed this; now it happens.
            var path = handle.Path;
            _calls.Unreportable("Cleanup (delete)", path, ct => handle.IsDirectory ? _core.RemoveDirectoryAsync(path, ct) : _core.DeleteFileAsync(path, ct));
            return;
        }

        if (handle.File is { CanWrite: true } file)
        {
            _calls.Unreportable("Cleanup (save)", handle.Path, ct => _core.FlushAsync(file, ct));
        }
    }

    public void CloseFile(string fileName, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var handle = _handles.Remove(info.Context);
        info.Context = 0;
        if (handle?.File is { } file)
        {
            _calls.Unreportable("CloseFile", handle.Path, ct => _core.ReleaseAsync(file, ct));
        }
    }

    public NtStatus ReadFile(string fileName, Span<byte> buffer, out int bytesRead, long offset, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        bytesRead = 0;
        if (FileOf(info, out var status) is not { } handle)
        {
            return status;
        }

        var file = handle.File!;
        return _calls.Read("ReadFile", fileName, buffer, async (memory, ct) =>
        {
            // ReadFile returns less than asked only at the end of the file; the core may return shorter chunks.
            var total = 0;
            while (total < memory.Length)
            {
                var read = await _core.ReadAsync(file, memory[total..], offset + total, ct).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }, out bytesRead);
    }

    public NtStatus WriteFile(string fileName, ReadOnlySpan<byte> buffer, out int bytesWritten, long offset, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        bytesWritten = 0;
        if (FileOf(info, out var status) is not { } handle)
        {
            return status;
        }

        if (!handle.CanWrite)
        {
            return NtStatus.AccessDenied;
        }

        var file = handle.File!;
        return _calls.Write(
            "WriteFile",
            fileName,
            buffer,
            async (data, ct) =>
            {
                var at = offset;
                var count = data.Length;
                if (info.WriteToEndOfFile || info.PagingIo)
                {
                    // Opening made the size known (EnsureSizeKnownAsync), so the entry has one.
                    var size = EntryPresentation.SizeOf(await _core.GetEntryAsync(handle.Path, ct).ConfigureAwait(false));
                    at = info.WriteToEndOfFile ? size : offset;

                    // dokan.h: paging writes (memory-mapped files, the cache manager) never extend the file.
                    count = info.PagingIo ? (int)Math.Clamp(size - at, 0, data.Length) : data.Length;
                }

                if (count > 0)
                {
                    await _core.WriteAsync(file, data[..count], at, ct).ConfigureAwait(false);
                }

                return count;
            },
            out bytesWritten);
    }

    public NtStatus FlushFileBuffers(string fileName, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var handle = _handles.Find(info.Context);
        if (handle is null)
        {
            return NtStatus.InvalidHandle;
        }

        return handle.File is { CanWrite: true } file
            ? _calls.Execute("FlushFileBuffers", fileName, async ct => await AdapterCalls.Done(_core.SyncAsync(file, ct)).ConfigureAwait(false), _options.SaveTimeout)
            : NtStatus.Success;
    }

    public NtStatus GetFileInformation(string fileName, out DokanFileInformation information, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        DokanFileInformation result = default;
        var status = _calls.Execute("GetFileInformation", fileName, async ct =>
        {
            var (path, entry) = await EntryOfAsync(fileName, info, ct).ConfigureAwait(false);
            if (entry is null)
            {
                return NtStatus.ObjectNameNotFound;
            }

            result = EntryPresentation.InformationOf(entry, path, ReadOnly, _options.VolumeSerialNumber);
            return NtStatus.Success;
        });
        information = result;
        return status;
    }

    public NtStatus FindFiles(string fileName, out IReadOnlyList<DokanFindData> entries, DokanFileInfo info) =>
        FindFilesWithPattern(fileName, "*", out entries, info);

    public NtStatus FindFilesWithPattern(string fileName, string searchPattern, out IReadOnlyList<DokanFindData> entries, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var pattern = string.IsNullOrEmpty(searchPattern) ? "*" : searchPattern;
        IReadOnlyList<DokanFindData> found = [];
        var status = _calls.Execute("FindFiles", fileName, async ct =>
        {
            var (path, entry) = await EntryOfAsync(fileName, info, ct).ConfigureAwait(false);
            if (entry is null)
            {
                return NtStatus.ObjectPathNotFound;
            }

            if (!entry.IsDirectory)
            {
                return NtStatus.NotADirectory;
            }

            var children = await _core.ListAsync(path, ct).ConfigureAwait(false);
            var list = new List<DokanFindData>(children.Count + 2);
            if (!path.IsRoot)
            {
                // As NTFS does, every folder but the root lists "." and "..".
                foreach (var dot in (ReadOnlySpan<string>)[".", ".."])
                {
                    if (DokanWildcard.IsMatch(pattern, dot))
                    {
                        list.Add(EntryPresentation.FindDataOf(entry, dot, ReadOnly));
                    }
                }
            }

            foreach (var child in children)
            {
                if (EntryPresentation.IsRepresentable(child.Name) && DokanWildcard.IsMatch(pattern, child.Name))
                {
                    list.Add(EntryPresentation.FindDataOf(child, child.Name, ReadOnly));
                }
            }

            found = list;
            return NtStatus.Success;
        });
        entries = found;
        return status;
    }

    /// <summary>FTP keeps no attributes; accepting them keeps copy tools (which set ARCHIVE, NORMAL ...) from failing.</summary>
    public NtStatus SetFileAttributes(string fileName, FileAttributes attributes, DokanFileInfo info) => NtStatus.Success;

    public NtStatus SetFileTime(string fileName, DateTimeOffset? creationTime, DateTimeOffset? lastAccessTime, DateTimeOffset? lastWriteTime, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);

        // FTP keeps only the modification time (MFMT/MDTM); creation and access times are accepted and dropped.
        if (lastWriteTime is not { } time)
        {
            return NtStatus.Success;
        }

        return _calls.Execute("SetFileTime", fileName, async ct =>
        {
            var (path, entry) = await EntryOfAsync(fileName, info, ct).ConfigureAwait(false);
            if (entry is null)
            {
                return NtStatus.ObjectNameNotFound;
            }

            await _core.SetModifiedTimeAsync(path, time, ct).ConfigureAwait(false);
            return NtStatus.Success;
        });
    }

    public NtStatus DeleteFile(string fileName, DokanFileInfo info) => CheckDeletion("DeleteFile", fileName, false, info);

    public NtStatus DeleteDirectory(string fileName, DokanFileInfo info) => CheckDeletion("DeleteDirectory", fileName, true, info);

    private NtStatus CheckDeletion(string operation, string fileName, bool directory, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!info.DeletePending)
        {
            // The request to delete was withdrawn; nothing was done yet, so nothing to undo.
            return NtStatus.Success;
        }

        return _calls.Execute(operation, fileName, async ct =>
        {
            var (path, entry) = await EntryOfAsync(fileName, info, ct).ConfigureAwait(false);
            return entry is null
                ? NtStatus.ObjectNameNotFound
                : await _create.DeletionRefusalAsync(path, directory, ct).ConfigureAwait(false);
        });
    }

    public NtStatus MoveFile(string fileName, string newFileName, bool replaceIfExisting, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return _calls.Execute(
            "MoveFile",
            fileName,
            async ct =>
            {
                var targetSegments = WindowsPath.Split(newFileName);
                if (WindowsPath.IsInRecycleBin(targetSegments))
                {
                    // Explorer's "move to Recycle Bin": refused, so it offers to delete permanently (see WindowsPath).
                    return NtStatus.AccessDenied;
                }

                var (from, source) = await EntryOfAsync(fileName, info, ct).ConfigureAwait(false);
                if (source is null)
                {
                    return NtStatus.ObjectNameNotFound;
                }

                var target = await _resolver.ResolveAsync(targetSegments, from, ct).ConfigureAwait(false);
                if (!target.ParentExists)
                {
                    return NtStatus.ObjectPathNotFound;
                }

                if (target.Path.Equals(from))
                {
                    return NtStatus.Success;
                }

                if (target.Entry is { } existing)
                {
                    if (!replaceIfExisting)
                    {
                        return NtStatus.ObjectNameCollision;
                    }

                    if (existing.IsDirectory || source.IsDirectory)
                    {
                        // As on NTFS: a rename never replaces a folder, nor a file with a folder, whatever the flag says.
                        return NtStatus.AccessDenied;
                    }
                }

                await _core.RenameAsync(from, target.Path, !replaceIfExisting, ct).ConfigureAwait(false);
                _handles.Rebase(from, target.Path);
                return NtStatus.Success;
            },
            _options.SaveTimeout);
    }

    public NtStatus SetEndOfFile(string fileName, long length, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (FileOf(info, out var status) is not { } handle)
        {
            return status;
        }

        var file = handle.CanWrite ? handle.File : null;
        return _calls.Execute(
            "SetEndOfFile",
            fileName,
            async ct => await AdapterCalls.Done(_core.TruncateAsync(handle.Path, length, file, ct)).ConfigureAwait(false),
            _options.SaveTimeout);
    }

    /// <summary>An allocation is a size hint (copy tools preallocate); only one below the current size cuts the file.</summary>
    public NtStatus SetAllocationSize(string fileName, long length, DokanFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (FileOf(info, out var status) is not { } handle)
        {
            return status;
        }

        var file = handle.CanWrite ? handle.File : null;
        return _calls.Execute(
            "SetAllocationSize",
            fileName,
            async ct =>
            {
                var size = EntryPresentation.SizeOf(await _core.GetEntryAsync(handle.Path, ct).ConfigureAwait(false));
                if (length < size)
                {
                    await _core.TruncateAsync(handle.Path, length, file, ct).ConfigureAwait(false);
                }

                return NtStatus.Success;
            },
            _options.SaveTimeout);
    }

    public NtStatus GetDiskFreeSpace(out DokanDiskSpace space, DokanFileInfo info)
    {
        space = EntryPresentation.DiskSpace();
        return NtStatus.Success;
    }

    public NtStatus GetVolumeInformation(out DokanVolumeInformation volume, DokanFileInfo info)
    {
        // Case-preserving and Unicode like NTFS; not case-sensitive (lookups fold case), and no ACLs, streams,
        // reparse points or hard links, which FTP cannot store.
        var features = FileSystemFeatures.CasePreservedNames | FileSystemFeatures.UnicodeOnDisk;
        if (ReadOnly)
        {
            features |= FileSystemFeatures.ReadOnlyVolume;
        }

        volume = new DokanVolumeInformation(
            _options.VolumeLabel, _options.VolumeSerialNumber, RemoteFileSystem.GetStats().MaxNameLength, features, _options.FileSystemName);
        return NtStatus.Success;
    }

    public NtStatus Mounted(string mountPoint, DokanFileInfo info)
    {
        DokanAdapterLog.Mounted(_logger, mountPoint);
        return NtStatus.Success;
    }

    public NtStatus Unmounted(DokanFileInfo info)
    {
        DokanAdapterLog.Unmounted(_logger);
        return NtStatus.Success;
    }

    /// <summary>The open's path and entry, or (for a call without a context) the path looked up; entry null when missing.</summary>
    private async Task<(RemotePath Path, RemoteEntry? Entry)> EntryOfAsync(string fileName, DokanFileInfo info, CancellationToken cancellationToken)
    {
        if (_handles.Find(info.Context) is { } handle)
        {
            return (handle.Path, await _core.GetEntryAsync(handle.Path, cancellationToken).ConfigureAwait(false));
        }

        var resolved = await _resolver.ResolveAsync(WindowsPath.Split(fileName), null, cancellationToken).ConfigureAwait(false);
        return (resolved.Path, resolved.Entry);
    }

    private OpenHandle? FileOf(DokanFileInfo info, out NtStatus status)
    {
        var handle = _handles.Find(info.Context);
        status = handle switch
        {
            null => NtStatus.InvalidHandle,
            { File: null } => NtStatus.InvalidDeviceRequest,
            _ => NtStatus.Success,
        };
        return status == NtStatus.Success ? handle : null;
    }

    /// <summary>
    /// A create that completed after CreateFile had answered the driver with a failure: no Cleanup or CloseFile will
    /// come for it, so the core's file it opened is released here.
    /// </summary>
    private void ReleaseUnanswered(CreateOutcome late)
    {
        if (late.Handle is { File: { } file } handle)
        {
            _ = Task.Run(() => _calls.Unreportable("CreateFile (answered too late)", handle.Path, ct => _core.ReleaseAsync(file, ct)));
        }
    }
}
