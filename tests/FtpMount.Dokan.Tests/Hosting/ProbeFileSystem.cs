namespace FtpMount.Dokan.Tests.Hosting;

/// <summary>An <see cref="IDokanFileSystem"/> that answers success and lets a test look around inside each call.</summary>
internal sealed class ProbeFileSystem : IDokanFileSystem
{
    /// <summary>Runs inside every call, on the callback's thread, with the method's name.</summary>
    public Action<string> OnCall { get; set; } = _ => { };

    public NtStatus CreateFile(
        string fileName, DokanAccessMask desiredAccess, FileAttributes fileAttributes, FileShare shareAccess,
        CreationDisposition disposition, CreateOptions options, DokanFileInfo info) => Probe(nameof(CreateFile));

    public void Cleanup(string fileName, DokanFileInfo info) => Probe(nameof(Cleanup));

    public void CloseFile(string fileName, DokanFileInfo info) => Probe(nameof(CloseFile));

    public NtStatus ReadFile(string fileName, Span<byte> buffer, out int bytesRead, long offset, DokanFileInfo info)
    {
        bytesRead = 0;
        return Probe(nameof(ReadFile));
    }

    public NtStatus WriteFile(string fileName, ReadOnlySpan<byte> buffer, out int bytesWritten, long offset, DokanFileInfo info)
    {
        bytesWritten = buffer.Length;
        return Probe(nameof(WriteFile));
    }

    public NtStatus FlushFileBuffers(string fileName, DokanFileInfo info) => Probe(nameof(FlushFileBuffers));

    public NtStatus GetFileInformation(string fileName, out DokanFileInformation information, DokanFileInfo info)
    {
        information = default;
        return Probe(nameof(GetFileInformation));
    }

    public NtStatus FindFiles(string fileName, out IReadOnlyList<DokanFindData> entries, DokanFileInfo info)
    {
        entries = [];
        return Probe(nameof(FindFiles));
    }

    public NtStatus FindFilesWithPattern(string fileName, string searchPattern, out IReadOnlyList<DokanFindData> entries, DokanFileInfo info)
    {
        entries = [];
        return Probe(nameof(FindFilesWithPattern));
    }

    public NtStatus SetFileAttributes(string fileName, FileAttributes attributes, DokanFileInfo info) => Probe(nameof(SetFileAttributes));

    public NtStatus SetFileTime(
        string fileName, DateTimeOffset? creationTime, DateTimeOffset? lastAccessTime, DateTimeOffset? lastWriteTime, DokanFileInfo info) =>
        Probe(nameof(SetFileTime));

    public NtStatus DeleteFile(string fileName, DokanFileInfo info) => Probe(nameof(DeleteFile));

    public NtStatus DeleteDirectory(string fileName, DokanFileInfo info) => Probe(nameof(DeleteDirectory));

    public NtStatus MoveFile(string fileName, string newFileName, bool replaceIfExisting, DokanFileInfo info) => Probe(nameof(MoveFile));

    public NtStatus SetEndOfFile(string fileName, long length, DokanFileInfo info) => Probe(nameof(SetEndOfFile));

    public NtStatus SetAllocationSize(string fileName, long length, DokanFileInfo info) => Probe(nameof(SetAllocationSize));

    public NtStatus GetDiskFreeSpace(out DokanDiskSpace space, DokanFileInfo info)
    {
        space = default;
        return Probe(nameof(GetDiskFreeSpace));
    }

    public NtStatus GetVolumeInformation(out DokanVolumeInformation volume, DokanFileInfo info)
    {
        volume = new DokanVolumeInformation("probe", 1, 255, FileSystemFeatures.CasePreservedNames, "FtpMount");
        return Probe(nameof(GetVolumeInformation));
    }

    public NtStatus Mounted(string mountPoint, DokanFileInfo info) => Probe(nameof(Mounted));

    public NtStatus Unmounted(DokanFileInfo info) => Probe(nameof(Unmounted));

    private NtStatus Probe(string method)
    {
        OnCall(method);
        return NtStatus.Success;
    }
}
