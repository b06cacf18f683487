using System.Text;
using FtpMount.Dokan.Adapter;

namespace FtpMount.Dokan.Tests.Sequences;

/// <summary>
/// Plays Windows: calls <see cref="RemoteDokanFileSystem"/> the way dokan2.dll does for an application's calls,
/// one <see cref="DokanFileInfo"/> per open handle, and checks every status. A failure shows the whole transcript.
/// </summary>
internal sealed class DokanScript(DokanSession session)
{
    public const DokanAccessMask Read = DokanAccessMask.ReadData | DokanAccessMask.ReadAttributes | DokanAccessMask.Synchronize;
    public const DokanAccessMask ReadWrite = Read | DokanAccessMask.WriteData | DokanAccessMask.AppendData | DokanAccessMask.WriteAttributes;
    public const DokanAccessMask Delete = DokanAccessMask.Delete | DokanAccessMask.ReadAttributes | DokanAccessMask.Synchronize;

    private readonly StringBuilder _transcript = new();

    public DokanSession Session => session;

    private RemoteDokanFileSystem Fs => session.FileSystem;

    public DokanFileInfo Open(
        string path, CreationDisposition disposition, NtStatus expected, DokanAccessMask access = Read, CreateOptions options = CreateOptions.None)
    {
        var info = new DokanFileInfo();
        var status = Fs.CreateFile(path, access, FileAttributes.Normal, FileShare.Read | FileShare.Write | FileShare.Delete, disposition, options, info);
        Check($"CreateFile {path} {disposition} {options}", expected, status);
        return info;
    }

    public void Write(DokanFileInfo handle, string path, byte[] data, long offset, NtStatus expected = NtStatus.Success)
    {
        var status = Fs.WriteFile(path, data, out var written, offset, handle);
        Check($"WriteFile {path} @{offset} x{data.Length}", expected, status);
        if (expected == NtStatus.Success)
        {
            Assert.True(written == data.Length, $"WriteFile wrote {written} of {data.Length}\n{_transcript}");
        }
    }

    public byte[] ReadAll(DokanFileInfo handle, string path, int length)
    {
        var buffer = new byte[length];
        var status = Fs.ReadFile(path, buffer, out var read, 0, handle);
        Check($"ReadFile {path} x{length}", NtStatus.Success, status);
        return buffer[..read];
    }

    public void SetEndOfFile(DokanFileInfo handle, string path, long length) =>
        Check($"SetEndOfFile {path} {length}", NtStatus.Success, Fs.SetEndOfFile(path, length, handle));

    public void SetAllocationSize(DokanFileInfo handle, string path, long length) =>
        Check($"SetAllocationSize {path} {length}", NtStatus.Success, Fs.SetAllocationSize(path, length, handle));

    public void SetFileTime(DokanFileInfo handle, string path, DateTimeOffset lastWrite) =>
        Check($"SetFileTime {path}", NtStatus.Success, Fs.SetFileTime(path, lastWrite, lastWrite, lastWrite, handle));

    public void SetFileAttributes(DokanFileInfo handle, string path, FileAttributes attributes) =>
        Check($"SetFileAttributes {path}", NtStatus.Success, Fs.SetFileAttributes(path, attributes, handle));

    public DokanFileInformation Information(DokanFileInfo handle, string path)
    {
        Check($"GetFileInformation {path}", NtStatus.Success, Fs.GetFileInformation(path, out var information, handle));
        return information;
    }

    /// <summary>DeleteFile or DeleteDirectory as Dokan sends them for a delete request (DeletePending set).</summary>
    public void RequestDelete(DokanFileInfo handle, string path, NtStatus expected)
    {
        handle.DeletePending = true;
        var status = handle.IsDirectory ? Fs.DeleteDirectory(path, handle) : Fs.DeleteFile(path, handle);
        Check($"{(handle.IsDirectory ? "DeleteDirectory" : "DeleteFile")} {path}", expected, status);
        handle.DeletePending = status == NtStatus.Success;
    }

    public void Move(DokanFileInfo handle, string path, string newPath, bool replace, NtStatus expected) =>
        Check($"MoveFile {path} -> {newPath} replace={replace}", expected, Fs.MoveFile(path, newPath, replace, handle));

    public string[] Find(DokanFileInfo handle, string path, string? pattern = null)
    {
        IReadOnlyList<DokanFindData> entries;
        var status = pattern is null ? Fs.FindFiles(path, out entries, handle) : Fs.FindFilesWithPattern(path, pattern, out entries, handle);
        Check($"FindFiles {path} {pattern}", NtStatus.Success, status);
        return [.. entries.Select(e => e.Name).Order(StringComparer.Ordinal)];
    }

    public DokanVolumeInformation Volume()
    {
        Check("GetVolumeInformation", NtStatus.Success, Fs.GetVolumeInformation(out var volume, new DokanFileInfo()));
        return volume;
    }

    public DokanDiskSpace DiskSpace()
    {
        Check("GetDiskFreeSpace", NtStatus.Success, Fs.GetDiskFreeSpace(out var space, new DokanFileInfo()));
        return space;
    }

    /// <summary>The application closes its handle: Cleanup (deleting when a delete was granted), then CloseFile.</summary>
    public void Close(DokanFileInfo handle, string path)
    {
        Fs.Cleanup(path, handle);
        Fs.CloseFile(path, handle);
        _transcript.AppendLine($"Cleanup+CloseFile {path}{(handle.DeletePending ? " (delete pending)" : string.Empty)}");
    }

    private void Check(string call, NtStatus expected, NtStatus actual)
    {
        _transcript.AppendLine($"{call} -> {actual}");
        Assert.True(expected == actual, $"{call}: expected {expected}, got {actual}\n{_transcript}");
    }
}
