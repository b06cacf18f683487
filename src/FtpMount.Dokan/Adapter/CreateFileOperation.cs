using FtpMount.Core;
using FtpMount.Core.Paths;

namespace FtpMount.Dokan.Adapter;

/// <summary>
/// ZwCreateFile's decision table: what the disposition, the directory/non-directory options and the object
/// found on the server (none, a folder, a file) lead to. Kept apart from the other operations because it is the
/// one Windows calls most and in the most combinations.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>found</term><description>outcome</description></listheader>
/// <item><term>nothing, parent missing</term><description>STATUS_OBJECT_PATH_NOT_FOUND</description></item>
/// <item><term>nothing</term><description>OPEN_EXISTING, TRUNCATE_EXISTING: STATUS_OBJECT_NAME_NOT_FOUND; otherwise create (a folder with FILE_DIRECTORY_FILE)</description></item>
/// <item><term>anything, CREATE_NEW</term><description>STATUS_OBJECT_NAME_COLLISION (checked first, as NTFS does)</description></item>
/// <item><term>a folder</term><description>FILE_NON_DIRECTORY_FILE, CREATE_ALWAYS, TRUNCATE_EXISTING: STATUS_FILE_IS_A_DIRECTORY; OPEN_ALWAYS: opened, answered with collision</description></item>
/// <item><term>a file</term><description>FILE_DIRECTORY_FILE: STATUS_NOT_A_DIRECTORY; CREATE_ALWAYS, TRUNCATE_EXISTING: opened emptied; OPEN_ALWAYS, CREATE_ALWAYS answered with collision</description></item>
/// </list>
/// Anything created or opened inside a Recycle Bin folder is refused with STATUS_ACCESS_DENIED.
/// The open is only entered in the handle table by <see cref="Answer"/>, on the thread that answers the driver: an
/// open that completes after the callback gave up on it is never registered, and its caller releases it.
/// </remarks>
internal sealed class CreateFileOperation(RemoteFileSystem core, PathResolver resolver, OpenHandleTable handles)
{
    private const DokanAccessMask WriteAccess =
        DokanAccessMask.WriteData | DokanAccessMask.AppendData | DokanAccessMask.GenericWrite | DokanAccessMask.GenericAll;

    public async Task<CreateOutcome> RunAsync(
        string fileName, DokanAccessMask access, CreationDisposition disposition, CreateOptions options, bool directoryAsked, CancellationToken cancellationToken)
    {
        if (disposition == CreationDisposition.Invalid)
        {
            return new(NtStatus.InvalidParameter);
        }

        var segments = WindowsPath.Split(fileName);
        var wantsDirectory = options.HasFlag(CreateOptions.DirectoryFile);
        if (wantsDirectory && options.HasFlag(CreateOptions.NonDirectoryFile))
        {
            return new(NtStatus.InvalidParameter);
        }

        var resolved = await resolver.ResolveAsync(segments, null, cancellationToken).ConfigureAwait(false);
        if (WindowsPath.IsInRecycleBin(segments) && (disposition.Creates() || resolved.Exists))
        {
            return new(NtStatus.AccessDenied);
        }

        return resolved.Entry switch
        {
            null => await CreateAsync(resolved, disposition, wantsDirectory || directoryAsked, cancellationToken).ConfigureAwait(false),
            { IsDirectory: true } => await OpenDirectoryAsync(resolved.Path, disposition, options, cancellationToken).ConfigureAwait(false),
            _ => await OpenFileAsync(resolved.Path, access, disposition, options, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Enters the open in the handle table and <paramref name="info"/>; returns the status for the driver.</summary>
    public NtStatus Answer(CreateOutcome outcome, DokanFileInfo info)
    {
        if (outcome.Handle is { } handle)
        {
            info.Context = handles.Add(handle);
            info.IsDirectory = handle.IsDirectory;
        }

        return outcome.Status;
    }

    private async Task<CreateOutcome> CreateAsync(
        ResolvedPath resolved, CreationDisposition disposition, bool directory, CancellationToken cancellationToken)
    {
        if (!resolved.ParentExists)
        {
            return new(NtStatus.ObjectPathNotFound);
        }

        if (!disposition.Creates())
        {
            return new(NtStatus.ObjectNameNotFound);
        }

        if (directory)
        {
            await core.CreateDirectoryAsync(resolved.Path, null, cancellationToken).ConfigureAwait(false);
            return new(NtStatus.Success, new OpenHandle(resolved.Path, true, null));
        }

        // The name was absent when resolved; another CreateFile of it may have come first since (Windows runs them
        // at once). That file is then opened as the disposition says for an existing one.
        var file = await core.CreateAsync(resolved.Path, null, disposition.WhenOpenAlready(), append: false, cancellationToken).ConfigureAwait(false);
        return new(file.Existed ? NtStatus.ObjectNameCollision : NtStatus.Success, new OpenHandle(resolved.Path, false, file));
    }

    private async Task<CreateOutcome> OpenDirectoryAsync(
        RemotePath path, CreationDisposition disposition, CreateOptions options, CancellationToken cancellationToken)
    {
        // As NTFS: FILE_CREATE on an existing name is a collision whatever the object and the options.
        if (disposition == CreationDisposition.CreateNew)
        {
            return new(NtStatus.ObjectNameCollision);
        }

        if (options.HasFlag(CreateOptions.NonDirectoryFile)
            || disposition is CreationDisposition.CreateAlways or CreationDisposition.TruncateExisting)
        {
            return new(NtStatus.FileIsADirectory);
        }

        if (options.HasFlag(CreateOptions.DeleteOnClose))
        {
            // Cleanup cannot fail, so a delete-on-close open is checked as DeleteDirectory would be.
            var refusal = await DeletionRefusalAsync(path, true, cancellationToken).ConfigureAwait(false);
            if (refusal != NtStatus.Success)
            {
                return new(refusal);
            }
        }

        var status = disposition == CreationDisposition.OpenAlways ? NtStatus.ObjectNameCollision : NtStatus.Success;
        return new(status, new OpenHandle(path, true, null));
    }

    private async Task<CreateOutcome> OpenFileAsync(
        RemotePath path, DokanAccessMask access, CreationDisposition disposition, CreateOptions options, CancellationToken cancellationToken)
    {
        if (disposition == CreationDisposition.CreateNew)
        {
            return new(NtStatus.ObjectNameCollision);
        }

        if (options.HasFlag(CreateOptions.DirectoryFile))
        {
            return new(NtStatus.NotADirectory);
        }

        if (options.HasFlag(CreateOptions.DeleteOnClose))
        {
            var refusal = await DeletionRefusalAsync(path, false, cancellationToken).ConfigureAwait(false);
            if (refusal != NtStatus.Success)
            {
                return new(refusal);
            }
        }

        var truncate = disposition is CreationDisposition.CreateAlways or CreationDisposition.TruncateExisting;
        var write = truncate || (access & WriteAccess) != 0;
        var file = await core.OpenAsync(path, true, write, truncate, cancellationToken).ConfigureAwait(false);
        try
        {
            // Windows reads and appends by the size it is told; a file the server gave no size for must have one now.
            await core.EnsureSizeKnownAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await core.ReleaseAsync(file, cancellationToken).ConfigureAwait(false);
            throw;
        }

        // dokan.h: OPEN_ALWAYS and CREATE_ALWAYS that open an existing file answer STATUS_OBJECT_NAME_COLLISION,
        // which Dokan turns into success with "opened" (not "created") for the caller.
        var status = disposition is CreationDisposition.OpenAlways or CreationDisposition.CreateAlways
            ? NtStatus.ObjectNameCollision
            : NtStatus.Success;
        return new(status, new OpenHandle(path, false, file));
    }

    /// <summary>Why <paramref name="path"/> may not be deleted, or success. Shared with DeleteFile/DeleteDirectory.</summary>
    public async Task<NtStatus> DeletionRefusalAsync(RemotePath path, bool directory, CancellationToken cancellationToken)
    {
        if (core.ReadOnly)
        {
            return NtStatus.MediaWriteProtected;
        }

        if (path.IsRoot)
        {
            return NtStatus.AccessDenied;
        }

        var entry = await core.GetEntryAsync(path, cancellationToken).ConfigureAwait(false);
        if (entry.IsDirectory != directory)
        {
            // Dokan sends folders to DeleteDirectory and files to DeleteFile; a mismatch means the object changed.
            return NtStatus.AccessDenied;
        }

        if (directory)
        {
            // Decide on the server's current content: Cleanup's RMD would otherwise fail where nobody can see it.
            var children = await core.ListFreshAsync(path, cancellationToken).ConfigureAwait(false);
            if (children.Count > 0)
            {
                return NtStatus.DirectoryNotEmpty;
            }
        }

        return NtStatus.Success;
    }
}
