using System.Runtime.InteropServices;
using FtpMount.Testing.Native;

namespace FtpMount.Testing.Hostile.Files;

/// <summary>
/// Maps server paths to the served folder and keeps every access inside it. Symbolic links in the folder are
/// followed only when what they lead to (by the kernel's own resolution, realpath(3)) is still inside; a link
/// pointing elsewhere is listed as a link but cannot be opened, entered or written through.
/// </summary>
internal sealed class ConfinedRoot
{
    public ConfinedRoot(string directory)
    {
        Directory = RealPath(directory) ?? throw new DirectoryNotFoundException($"The served folder {directory} does not exist.");
    }

    /// <summary>The served folder, with every link resolved.</summary>
    public string Directory { get; }

    /// <summary>
    /// The local path of what <paramref name="serverPath"/> names, following links (for reading, writing, entering);
    /// null when it leads outside the folder, through a dangling link, or its folder does not exist.
    /// </summary>
    public string? Follow(string serverPath)
    {
        var lexical = Lexical(serverPath);
        if (RealPath(lexical) is { } real)
        {
            return IsInside(real) ? real : null;
        }

        if (serverPath == ServerPaths.Root || Itself(serverPath) is not { } candidate)
        {
            return null;
        }

        // Missing: fine for a file about to be created, unless the name is a dangling link the kernel would follow.
        return new FileInfo(candidate).LinkTarget is null ? candidate : null;
    }

    /// <summary>
    /// The local path of the entry <paramref name="serverPath"/> names itself: its folder resolved, its last name not
    /// (a link is the link). Null when the folder is missing or outside.
    /// </summary>
    public string? Itself(string serverPath)
    {
        if (serverPath == ServerPaths.Root)
        {
            return Directory;
        }

        var parent = RealPath(Lexical(ServerPaths.Parent(serverPath)));
        return parent is not null && IsInside(parent) ? Path.Join(parent, ServerPaths.Name(serverPath)) : null;
    }

    private string Lexical(string serverPath) => serverPath == ServerPaths.Root ? Directory : Directory + serverPath;

    private bool IsInside(string real) =>
        real == Directory || real.StartsWith(Directory + "/", StringComparison.Ordinal);

    private static string? RealPath(string path)
    {
        var resolved = LibC.realpath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            LibC.free(resolved);
        }
    }
}
