namespace FtpMount.Testing;

/// <summary>
/// Creates files and folders under a server's root as the test user, so the FTP user can change them too.
/// Tests run as root, and a file root creates is read-only to the FTP user.
/// </summary>
internal sealed class TestUserFiles(string rootDirectory, TestAccount account)
{
    internal string CreateFile(string relativePath, ReadOnlySpan<byte> contents)
    {
        string path = ResolveInsideRoot(relativePath);
        CreateDirectoriesUpTo(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, contents);
        GiveAway(path);
        return path;
    }

    internal string CreateDirectory(string relativePath)
    {
        string path = ResolveInsideRoot(relativePath);
        CreateDirectoriesUpTo(path);
        return path;
    }

    internal void GiveToTestUser(string path)
    {
        string fullPath = Path.IsPathRooted(path) ? Path.GetFullPath(path) : ResolveInsideRoot(path);
        GiveAwayRecursively(new FileInfo(fullPath));
    }

    private string ResolveInsideRoot(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        string path = Path.GetFullPath(Path.Combine(rootDirectory, relativePath.TrimStart('/')));
        if (!path.StartsWith(rootDirectory + "/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relativePath}' is not a path inside the server root.", nameof(relativePath));
        }

        return path;
    }

    private void CreateDirectoriesUpTo(string directory)
    {
        string relative = Path.GetRelativePath(rootDirectory, directory);
        if (relative == ".")
        {
            return;
        }

        string current = rootDirectory;
        foreach (string part in relative.Split('/'))
        {
            current = Path.Combine(current, part);
            if (!Directory.Exists(current))
            {
                Directory.CreateDirectory(current);
                GiveAway(current);
            }
        }
    }

    private void GiveAwayRecursively(FileSystemInfo entry)
    {
        GiveAway(entry.FullName);
        if (entry.LinkTarget is null && Directory.Exists(entry.FullName))
        {
            foreach (FileSystemInfo child in new DirectoryInfo(entry.FullName).EnumerateFileSystemInfos())
            {
                GiveAwayRecursively(child);
            }
        }
    }

    // lchown: a symbolic link is changed itself, never the file it points to (which may be outside the root).
    private void GiveAway(string path) => ServerLayout.ChangeOwner(path, account.UserId, account.GroupId, followLinks: false);
}
