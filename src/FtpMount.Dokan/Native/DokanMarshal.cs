namespace FtpMount.Dokan.Native;

/// <summary>
/// Conversions between the native structs and the managed types of <see cref="IDokanFileSystem"/>. Nothing here
/// calls Windows, so it is tested on Linux; the callbacks only add the pointers.
/// </summary>
internal static unsafe class DokanMarshal
{
    /// <summary>The managed view of a call's <c>DOKAN_FILE_INFO</c>.</summary>
    public static DokanFileInfo ToManaged(DOKAN_FILE_INFO* info) => new()
    {
        Context = info->Context,
        IsDirectory = info->IsDirectory != 0,
        DeletePending = info->DeletePending != 0,
        PagingIo = info->PagingIo != 0,
        SynchronousIo = info->SynchronousIo != 0,
        NoCache = info->Nocache != 0,
        WriteToEndOfFile = info->WriteToEndOfFile != 0,
        ProcessId = (int)info->ProcessId,
    };

    /// <summary>Writes back what a file system may change: the context and, from ZwCreateFile, IsDirectory.</summary>
    public static void Store(DokanFileInfo managed, DOKAN_FILE_INFO* info)
    {
        info->Context = managed.Context;
        info->IsDirectory = managed.IsDirectory ? (byte)1 : (byte)0;
    }

    public static void Fill(in DokanFindData entry, WIN32_FIND_DATAW* data)
    {
        *data = default;
        data->dwFileAttributes = (uint)entry.Attributes;
        data->ftCreationTime = FILETIME.From(entry.CreationTime);
        data->ftLastAccessTime = FILETIME.From(entry.LastAccessTime);
        data->ftLastWriteTime = FILETIME.From(entry.LastWriteTime);
        data->nFileSizeHigh = (uint)((ulong)entry.Length >> 32);
        data->nFileSizeLow = (uint)entry.Length;
        CopyTerminated(entry.Name, new Span<char>(data->cFileName, WIN32_FIND_DATAW.MAX_PATH));
    }

    public static void Fill(in DokanFileInformation information, BY_HANDLE_FILE_INFORMATION* buffer)
    {
        *buffer = default;
        buffer->dwFileAttributes = (uint)information.Attributes;
        buffer->ftCreationTime = FILETIME.From(information.CreationTime);
        buffer->ftLastAccessTime = FILETIME.From(information.LastAccessTime);
        buffer->ftLastWriteTime = FILETIME.From(information.LastWriteTime);
        buffer->dwVolumeSerialNumber = information.VolumeSerialNumber;
        buffer->nFileSizeHigh = (uint)((ulong)information.Length >> 32);
        buffer->nFileSizeLow = (uint)information.Length;
        buffer->nNumberOfLinks = (uint)information.NumberOfLinks;
        buffer->nFileIndexHigh = (uint)(information.FileIndex >> 32);
        buffer->nFileIndexLow = (uint)information.FileIndex;
    }

    /// <summary>
    /// Copies <paramref name="text"/> and a NUL into a caller's buffer of <paramref name="capacity"/> characters
    /// (GetVolumeInformation's sizes are in characters), cutting the text when it does not fit.
    /// </summary>
    public static void CopyTerminated(string text, char* buffer, uint capacity) =>
        CopyTerminated(text, new Span<char>(buffer, (int)Math.Min(capacity, int.MaxValue)));

    public static void CopyTerminated(string text, Span<char> destination)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        var length = Math.Min(text.Length, destination.Length - 1);
        text.AsSpan(0, length).CopyTo(destination);
        destination[length] = '\0';
    }

    public static string PathOf(char* path) => path == null ? "\\" : new string(path);
}
