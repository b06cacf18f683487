using FtpMount.Core;
using FtpMount.Core.Paths;

namespace FtpMount.Dokan.Adapter;

/// <summary>
/// One ZwCreateFile's open, found again through <c>DOKAN_FILE_INFO.Context</c>: the path (which follows renames
/// made through any handle) and, for files, the core's open file.
/// </summary>
internal sealed class OpenHandle(RemotePath path, bool isDirectory, OpenFile? file)
{
    private RemotePath _path = path;

    public RemotePath Path
    {
        get => Volatile.Read(ref _path);
        set => Volatile.Write(ref _path, value);
    }

    public bool IsDirectory { get; } = isDirectory;

    public OpenFile? File { get; } = file;

    public bool CanWrite => File is { CanWrite: true };
}
