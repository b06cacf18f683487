namespace FtpMount.Core.Paths;

/// <summary>
/// Turns a symlink target a server listed into one the local kernel may follow: relative, normalised, and never
/// leading outside the mount. The kernel resolves a link's target itself, against the local filesystem, so a listed
/// <c>/home/user/.bashrc</c> or <c>../../..</c> would otherwise reach local files (read with <c>cat</c>, overwritten
/// with <c>echo X &gt;</c>). Absolute targets are server paths: inside the mounted root they are rewritten relative to
/// the link's folder (as sshfs's <c>transform_symlinks</c> does); anything else has no target here.
/// </summary>
public static class MountLinkTarget
{
    /// <summary>
    /// The target as a path relative to the link's folder, made only of leading <c>..</c> then names, so it stays
    /// inside the mount whatever the names are (each link on the way is bounded the same way); null when the target
    /// leaves the mount or is empty.
    /// </summary>
    /// <param name="target">The target as the server listed it.</param>
    /// <param name="link">The link's own path in the mount.</param>
    /// <param name="map">Where the mount's root is on the server.</param>
    public static string? Map(string target, RemotePath link, ServerPathMap map)
    {
        if (target.Length == 0)
        {
            return null;
        }

        var from = Segments(link.Parent.Value);
        List<string> resolved;
        if (target[0] == '/')
        {
            var root = Segments(map.ServerRoot);
            var server = new List<string>();
            if (!Walk(server, target) || server.Count < root.Count)
            {
                return null;
            }

            for (var i = 0; i < root.Count; i++)
            {
                if (server[i] != root[i])
                {
                    return null;
                }
            }

            resolved = server[root.Count..];
        }
        else
        {
            // Resolved by names, not by following links: "a/.." is the folder the link is in, never where a link
            // named a would lead. The result holds no ".." after a name, so the kernel cannot climb out through one.
            resolved = [.. from];
            if (!Walk(resolved, target))
            {
                return null;
            }
        }

        return Relative(from, resolved);
    }

    /// <summary>Applies the components of <paramref name="path"/> to <paramref name="stack"/>; false when ".." climbs above its start.</summary>
    private static bool Walk(List<string> stack, string path)
    {
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count == 0)
                {
                    return false;
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            stack.Add(part);
        }

        return true;
    }

    private static string Relative(List<string> from, List<string> to)
    {
        var common = 0;
        while (common < from.Count && common < to.Count && from[common] == to[common])
        {
            common++;
        }

        var parts = new List<string>();
        for (var i = common; i < from.Count; i++)
        {
            parts.Add("..");
        }

        parts.AddRange(to[common..]);
        return parts.Count == 0 ? "." : string.Join('/', parts);
    }

    private static List<string> Segments(string path) => [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries)];
}
