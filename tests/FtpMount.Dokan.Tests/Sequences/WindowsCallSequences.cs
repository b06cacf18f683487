using FtpMount.Testing;
using static FtpMount.Dokan.CreateOptions;
using static FtpMount.Dokan.CreationDisposition;
using static FtpMount.Dokan.NtStatus;
using static FtpMount.Dokan.Tests.Sequences.DokanScript;

namespace FtpMount.Dokan.Tests.Sequences;

/// <summary>One thing a Windows application does, as the Dokan calls it turns into, with the server state it must leave.</summary>
internal sealed record WindowsCallSequence(string Name, Action<FtpTestServer>? Arrange, Action<DokanScript> Run, bool ReadOnly = false);

/// <summary>
/// The table: each sequence is the calls dokan2.dll makes for a common Windows action, each call with the
/// NTSTATUS Windows needs, then the files the server must hold afterwards.
/// </summary>
internal static class WindowsCallSequences
{
    private static readonly DateTimeOffset Stamp = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, WindowsCallSequence> All { get; } = new WindowsCallSequence[]
    {
        new("explorer_copy_into_drive", null, ExplorerCopy),
        new("notepad_save_truncate_existing", s => s.CreateFile("note.txt", "old text, longer than the new"u8), NotepadTruncate),
        new("notepad_save_temp_then_replace", s => s.CreateFile("note.txt", "old text"u8), NotepadTempAndReplace),
        new("office_save_temp_rename_delete_backup", s => s.CreateFile("Report.docx", "version 1"u8), OfficeSave),
        new("delete_on_close", s => s.CreateFile("gone.txt", "x"u8), DeleteOnClose),
        new("delete_directory", ArrangeDirectories, DeleteDirectories),
        new("recycle_bin_refused", s => s.CreateFile("trash.txt", "keep me"u8), RecycleBin),
        new("enumerate_with_patterns", ArrangePatterns, EnumerateWithPatterns),
        new("directory_vs_file_opens", ArrangeDirectories, DirectoryVersusFile),
        new("dispositions_on_existing_file", s => s.CreateFile("file.txt", "content"u8), DispositionsOnExistingFile),
        new("missing_file_and_parent", s => s.CreateFile("file.txt", "content"u8), MissingFileAndParent),
        new("case_insensitive_names", ArrangeCases, CaseInsensitiveNames),
        new("names_windows_cannot_hold", ArrangeUnixNames, NamesWindowsCannotHold),
        new("new_folder_then_rename", s => s.CreateFile("taken.txt", "t"u8), NewFolderThenRename),
        new("read_only_volume", s => s.CreateFile("file.txt", "content"u8), ReadOnlyVolume, ReadOnly: true),
    }.ToDictionary(s => s.Name);

    /// <summary>
    /// Explorer (CopyFileEx) copying a file in: CREATE_NEW, preallocation, 64 KiB writes, end of file, the source's
    /// times, close. The server must have the bytes and the modification time.
    /// </summary>
    private static void ExplorerCopy(DokanScript w)
    {
        // Explorer asks the volume first: the label and serial of the host, NTFS-like names, enough free space.
        var volume = w.Volume();
        Assert.Equal(w.Session.Server.Host, volume.VolumeLabel);
        Assert.Equal("FtpMount", volume.FileSystemName);
        Assert.Equal(FileSystemFeatures.CasePreservedNames | FileSystemFeatures.UnicodeOnDisk, volume.Features);
        Assert.Equal(255, volume.MaximumComponentLength);
        Assert.True(w.DiskSpace().FreeBytesAvailable > 1UL << 40);

        var root = w.Open("\\", OpenExisting, Success, Read, DirectoryFile);
        Assert.Empty(w.Find(root, "\\", "copy.bin"));
        w.Close(root, "\\");

        var data = new byte[200_000];
        new Random(6).NextBytes(data);
        var h = w.Open("\\copy.bin", CreateNew, Success, ReadWrite | DokanAccessMask.Delete, NonDirectoryFile | SequentialOnly);
        w.SetAllocationSize(h, "\\copy.bin", data.Length);
        for (var offset = 0; offset < data.Length; offset += 65536)
        {
            w.Write(h, "\\copy.bin", data[offset..Math.Min(offset + 65536, data.Length)], offset);
        }

        w.SetEndOfFile(h, "\\copy.bin", data.Length);
        w.SetFileAttributes(h, "\\copy.bin", FileAttributes.Archive);
        w.SetFileTime(h, "\\copy.bin", Stamp);
        w.Close(h, "\\copy.bin");

        var local = w.Session.LocalPathOf("\\copy.bin");
        Assert.Equal(data, File.ReadAllBytes(local));
        Assert.Equal(Stamp.UtcDateTime, File.GetLastWriteTimeUtc(local));

        var check = w.Open("\\copy.bin", OpenExisting, Success);
        var information = w.Information(check, "\\copy.bin");
        Assert.Equal(data.Length, information.Length);
        Assert.Equal(Stamp, information.LastWriteTime);
        w.Close(check, "\\copy.bin");
    }

    /// <summary>Notepad reads the file, then saves by opening it with TRUNCATE_EXISTING and writing the new text.</summary>
    private static void NotepadTruncate(DokanScript w)
    {
        var read = w.Open("\\NOTE.TXT", OpenExisting, Success);
        Assert.Equal("old text, longer than the new"u8.ToArray(), w.ReadAll(read, "\\NOTE.TXT", 4096));
        w.Close(read, "\\NOTE.TXT");

        var save = w.Open("\\note.txt", TruncateExisting, Success, ReadWrite);
        w.Write(save, "\\note.txt", "new text"u8.ToArray(), 0);
        w.SetEndOfFile(save, "\\note.txt", 8);
        w.Close(save, "\\note.txt");

        Assert.Equal("new text", File.ReadAllText(w.Session.LocalPathOf("\\note.txt")));
    }

    /// <summary>Editors that save safely: write a temporary file, then MoveFile over the original with replace.</summary>
    private static void NotepadTempAndReplace(DokanScript w)
    {
        var temp = w.Open("\\note.txt.tmp", CreateNew, Success, ReadWrite, NonDirectoryFile);
        w.Write(temp, "\\note.txt.tmp", "new text"u8.ToArray(), 0);
        w.Close(temp, "\\note.txt.tmp");

        var move = w.Open("\\note.txt.tmp", OpenExisting, Success, Delete);
        w.Move(move, "\\note.txt.tmp", "\\note.txt", false, ObjectNameCollision);
        w.Move(move, "\\note.txt.tmp", "\\note.txt", true, Success);
        w.Close(move, "\\note.txt");

        Assert.Equal("new text", File.ReadAllText(w.Session.LocalPathOf("\\note.txt")));
        Assert.False(File.Exists(w.Session.LocalPathOf("\\note.txt.tmp")));
    }

    /// <summary>
    /// Word: owner file ~$ (deleted on close), the document open while saving, the new content written to a
    /// temporary name, the original renamed to a backup, the temporary renamed to the original, the backup deleted.
    /// </summary>
    private static void OfficeSave(DokanScript w)
    {
        var owner = w.Open("\\~$Report.docx", CreateNew, Success, ReadWrite, NonDirectoryFile);
        w.SetFileAttributes(owner, "\\~$Report.docx", FileAttributes.Hidden);
        w.Write(owner, "\\~$Report.docx", new byte[162], 0);
        w.Close(owner, "\\~$Report.docx");

        var document = w.Open("\\Report.docx", OpenExisting, Success, Read);
        Assert.Equal("version 1"u8.ToArray(), w.ReadAll(document, "\\Report.docx", 100));

        var temp = w.Open("\\~WRL0001.tmp", CreateNew, Success, ReadWrite | DokanAccessMask.Delete, NonDirectoryFile);
        w.Write(temp, "\\~WRL0001.tmp", "version 2"u8.ToArray(), 0);
        w.Close(temp, "\\~WRL0001.tmp");

        var original = w.Open("\\Report.docx", OpenExisting, Success, Delete);
        w.Move(original, "\\Report.docx", "\\~WRL0002.tmp", false, Success);
        w.Close(original, "\\~WRL0002.tmp");

        var replacement = w.Open("\\~WRL0001.tmp", OpenExisting, Success, Delete);
        w.Move(replacement, "\\~WRL0001.tmp", "\\Report.docx", false, Success);
        w.Close(replacement, "\\Report.docx");

        var backup = w.Open("\\~WRL0002.tmp", OpenExisting, Success, Delete);
        w.RequestDelete(backup, "\\~WRL0002.tmp", Success);
        w.Close(backup, "\\~WRL0002.tmp");
        w.Close(document, "\\Report.docx");

        var ownerDelete = w.Open("\\~$Report.docx", OpenExisting, Success, Delete, NonDirectoryFile | CreateOptions.DeleteOnClose);
        ownerDelete.DeletePending = true;
        w.Close(ownerDelete, "\\~$Report.docx");

        Assert.Equal("version 2", File.ReadAllText(w.Session.LocalPathOf("\\Report.docx")));
        Assert.Equal(["Report.docx"], Directory.GetFiles(w.Session.Server.RootDirectory).Select(Path.GetFileName));
    }

    /// <summary>Explorer's delete: DeleteFile only grants it; the file goes at Cleanup of the last handle.</summary>
    private static void DeleteOnClose(DokanScript w)
    {
        var h = w.Open("\\gone.txt", OpenExisting, Success, Delete, NonDirectoryFile);
        w.RequestDelete(h, "\\gone.txt", Success);
        Assert.True(File.Exists(w.Session.LocalPathOf("\\gone.txt")), "DeleteFile must only check");
        w.Close(h, "\\gone.txt");
        Assert.False(File.Exists(w.Session.LocalPathOf("\\gone.txt")));
        w.Open("\\gone.txt", OpenExisting, ObjectNameNotFound);
    }

    private static void ArrangeDirectories(FtpTestServer server)
    {
        server.CreateFile("dir/child.txt", "c"u8);
        server.CreateDirectory("empty");
        server.CreateFile("file.txt", "f"u8);
    }

    /// <summary>A folder with content is refused (by DeleteDirectory and by FILE_DELETE_ON_CLOSE); an empty one goes.</summary>
    private static void DeleteDirectories(DokanScript w)
    {
        var full = w.Open("\\dir", OpenExisting, Success, Delete, DirectoryFile);
        Assert.True(full.IsDirectory);
        w.RequestDelete(full, "\\dir", DirectoryNotEmpty);
        w.Close(full, "\\dir");
        w.Open("\\dir", OpenExisting, DirectoryNotEmpty, Delete, DirectoryFile | CreateOptions.DeleteOnClose);
        Assert.True(File.Exists(w.Session.LocalPathOf("\\dir\\child.txt")));

        var empty = w.Open("\\empty", OpenExisting, Success, Delete, DirectoryFile);
        w.RequestDelete(empty, "\\empty", Success);
        Assert.True(Directory.Exists(w.Session.LocalPathOf("\\empty")), "DeleteDirectory must only check");
        w.Close(empty, "\\empty");
        Assert.False(Directory.Exists(w.Session.LocalPathOf("\\empty")));
    }

    /// <summary>
    /// Explorer's "move to Recycle Bin" creates \$RECYCLE.BIN\&lt;SID&gt; and moves the file there. Both are refused with
    /// STATUS_ACCESS_DENIED, so Explorer offers a permanent delete; nothing changes on the server.
    /// </summary>
    private static void RecycleBin(DokanScript w)
    {
        w.Open("\\$RECYCLE.BIN", CreateNew, AccessDenied, Read, DirectoryFile);
        w.Open("\\$Recycle.Bin\\S-1-5-21-1-2-3-1001", OpenAlways, AccessDenied, Read, DirectoryFile);
        var h = w.Open("\\trash.txt", OpenExisting, Success, Delete, NonDirectoryFile);
        w.Move(h, "\\trash.txt", "\\$RECYCLE.BIN\\S-1-5-21-1-2-3-1001\\$R1X2Y3Z.txt", false, AccessDenied);
        w.Close(h, "\\trash.txt");

        Assert.Equal("keep me", File.ReadAllText(w.Session.LocalPathOf("\\trash.txt")));
        Assert.False(Directory.Exists(w.Session.LocalPathOf("\\$RECYCLE.BIN")));
    }

    private static void ArrangePatterns(FtpTestServer server)
    {
        foreach (var name in new[] { "a.txt", "B.TXT", "abc.log", "axc", "ac", "notes.txt.bak" })
        {
            server.CreateFile(name, "x"u8);
        }

        server.CreateDirectory("sub");
    }

    private static void EnumerateWithPatterns(DokanScript w)
    {
        var root = w.Open("\\", OpenExisting, Success, Read, DirectoryFile);
        Assert.True(root.IsDirectory);
        Assert.Equal(["B.TXT", "a.txt"], w.Find(root, "\\", "*.txt"));
        Assert.Equal(["B.TXT", "a.txt"], w.Find(root, "\\", "<.txt"));
        Assert.Equal(["abc.log", "axc"], w.Find(root, "\\", "a?c*"));
        Assert.Equal(["B.TXT", "a.txt", "abc.log", "ac", "axc", "notes.txt.bak", "sub"], w.Find(root, "\\"));
        w.Close(root, "\\");

        var sub = w.Open("\\SUB", OpenExisting, Success, Read, DirectoryFile);
        Assert.Equal([".", ".."], w.Find(sub, "\\SUB"));
        w.Close(sub, "\\SUB");
    }

    private static void DirectoryVersusFile(DokanScript w)
    {
        w.Open("\\dir", OpenExisting, FileIsADirectory, Read, NonDirectoryFile);
        w.Open("\\file.txt", OpenExisting, NotADirectory, Read, DirectoryFile);
        w.Open("\\dir", CreateNew, ObjectNameCollision, Read, DirectoryFile);
        w.Open("\\file.txt", CreateNew, ObjectNameCollision, Read, DirectoryFile);
        w.Open("\\dir", CreateAlways, FileIsADirectory, ReadWrite);

        var opened = w.Open("\\dir", OpenAlways, ObjectNameCollision, Read, DirectoryFile);
        Assert.True(opened.IsDirectory);
        w.Close(opened, "\\dir");

        // No option: whatever the object is, and IsDirectory says which.
        var any = w.Open("\\file.txt", OpenExisting, Success);
        Assert.False(any.IsDirectory);
        w.Close(any, "\\file.txt");
        Assert.Equal("f", File.ReadAllText(w.Session.LocalPathOf("\\file.txt")));
    }

    private static void DispositionsOnExistingFile(DokanScript w)
    {
        w.Open("\\file.txt", CreateNew, ObjectNameCollision, ReadWrite, NonDirectoryFile);

        var always = w.Open("\\file.txt", OpenAlways, ObjectNameCollision, ReadWrite, NonDirectoryFile);
        w.Close(always, "\\file.txt");
        Assert.Equal("content", File.ReadAllText(w.Session.LocalPathOf("\\file.txt")));

        var overwrite = w.Open("\\file.txt", CreateAlways, ObjectNameCollision, ReadWrite, NonDirectoryFile);
        w.Close(overwrite, "\\file.txt");
        Assert.Equal(0, new FileInfo(w.Session.LocalPathOf("\\file.txt")).Length);

        var created = w.Open("\\other.txt", OpenAlways, Success, ReadWrite, NonDirectoryFile);
        w.Close(created, "\\other.txt");
        Assert.True(File.Exists(w.Session.LocalPathOf("\\other.txt")));
    }

    private static void MissingFileAndParent(DokanScript w)
    {
        w.Open("\\missing.txt", OpenExisting, ObjectNameNotFound);
        w.Open("\\missing.txt", TruncateExisting, ObjectNameNotFound, ReadWrite);
        w.Open("\\nodir\\file.txt", OpenExisting, ObjectPathNotFound);
        w.Open("\\nodir\\file.txt", CreateNew, ObjectPathNotFound, ReadWrite);
        w.Open("\\nodir\\deeper\\file.txt", OpenAlways, ObjectPathNotFound, ReadWrite);
        w.Open("\\file.txt\\inside", OpenExisting, ObjectPathNotFound);
        w.Open("\\bad\nname", OpenExisting, ObjectNameInvalid);
        Assert.False(Directory.Exists(w.Session.LocalPathOf("\\nodir")));
    }

    private static void ArrangeUnixNames(FtpTestServer server)
    {
        server.CreateFile("server\\made.txt", "made on the server"u8);
        server.CreateFile("shown.txt", "x"u8);
    }

    /// <summary>
    /// A backslash is an ordinary character in a Unix server's names, but a separator for Windows: such a name is
    /// never listed (no Windows call could open it), and "\\server\\made.txt" means a folder "server". A name
    /// of more than 255 UTF-8 bytes (128 two-byte characters: fine for NTFS) cannot exist on the server either.
    /// </summary>
    private static void NamesWindowsCannotHold(DokanScript w)
    {
        var root = w.Open("\\", OpenExisting, Success, Read, DirectoryFile);
        Assert.Equal(["shown.txt"], w.Find(root, "\\"));
        w.Close(root, "\\");
        w.Open("\\server\\made.txt", OpenExisting, ObjectPathNotFound);

        var tooLong = "\\" + new string('é', 128);
        w.Open(tooLong, CreateNew, NameTooLong, ReadWrite);
        w.Open(tooLong, OpenExisting, NameTooLong);
        Assert.Equal(["server\\made.txt", "shown.txt"], Directory.GetFiles(w.Session.LocalPathOf("\\")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static void ArrangeCases(FtpTestServer server)
    {
        server.CreateFile("Docs/ReadMe.TXT", "read me"u8);
        server.CreateFile("x.txt", "lower"u8);
        server.CreateFile("X.TXT", "upper"u8);
    }

    /// <summary>Windows folds case; the server does not. Exact spelling first, then the one entry equal ignoring case.</summary>
    private static void CaseInsensitiveNames(DokanScript w)
    {
        var h = w.Open("\\docs\\readme.txt", OpenExisting, Success);
        Assert.Equal("read me"u8.ToArray(), w.ReadAll(h, "\\docs\\readme.txt", 100));
        w.Close(h, "\\docs\\readme.txt");

        // README and readme both exist: the exact spelling wins; a third spelling is ambiguous, so not found.
        var upper = w.Open("\\X.TXT", OpenExisting, Success);
        Assert.Equal("upper"u8.ToArray(), w.ReadAll(upper, "\\X.TXT", 100));
        w.Close(upper, "\\X.TXT");
        w.Open("\\x.TXT", OpenExisting, ObjectNameNotFound);

        // A case-only rename keeps the file and takes the new spelling.
        var rename = w.Open("\\DOCS\\README.TXT", OpenExisting, Success, Delete);
        w.Move(rename, "\\DOCS\\README.TXT", "\\docs\\Readme.txt", false, Success);
        w.Close(rename, "\\docs\\Readme.txt");
        Assert.Equal(["Readme.txt"], Directory.GetFiles(w.Session.LocalPathOf("\\Docs")).Select(Path.GetFileName));
    }

    /// <summary>Explorer's "New folder", then typing its name: a rename, refused onto an existing name.</summary>
    private static void NewFolderThenRename(DokanScript w)
    {
        var folder = w.Open("\\New folder", CreateNew, Success, Read, DirectoryFile);
        Assert.True(folder.IsDirectory);
        w.Close(folder, "\\New folder");

        var rename = w.Open("\\New folder", OpenExisting, Success, Delete, DirectoryFile);
        w.Move(rename, "\\New folder", "\\taken.txt", false, ObjectNameCollision);
        w.Move(rename, "\\New folder", "\\taken.txt", true, AccessDenied);
        w.Move(rename, "\\New folder", "\\Photos", false, Success);
        var information = w.Information(rename, "\\Photos");
        Assert.Equal(FileAttributes.Directory, information.Attributes);
        w.Close(rename, "\\Photos");

        Assert.True(Directory.Exists(w.Session.LocalPathOf("\\Photos")));
        Assert.False(Directory.Exists(w.Session.LocalPathOf("\\New folder")));
    }

    private static void ReadOnlyVolume(DokanScript w)
    {
        Assert.True(w.Volume().Features.HasFlag(FileSystemFeatures.ReadOnlyVolume));
        w.Open("\\new.txt", CreateNew, MediaWriteProtected, ReadWrite, NonDirectoryFile);
        w.Open("\\file.txt", TruncateExisting, MediaWriteProtected, ReadWrite);
        var h = w.Open("\\file.txt", OpenExisting, Success, Read | DokanAccessMask.Delete);
        Assert.Equal(FileAttributes.ReadOnly, w.Information(h, "\\file.txt").Attributes);
        w.RequestDelete(h, "\\file.txt", MediaWriteProtected);
        w.Close(h, "\\file.txt");
        Assert.Equal("content", File.ReadAllText(w.Session.LocalPathOf("\\file.txt")));
    }
}
