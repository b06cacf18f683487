using System.Collections.Concurrent;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Which file each temporary upload name is saving, while the upload runs: status reports show a transfer to
/// <c>.ftpmount-….part</c> as the file the user saved, with its size when the whole content is known.
/// </summary>
internal sealed class UploadTargets
{
    private readonly ConcurrentDictionary<string, (FileNode Node, long? Length)> _targets = new(StringComparer.Ordinal);

    public void Add(string temporary, FileNode node, long? length) => _targets[temporary] = (node, length);

    public void Remove(string temporary) => _targets.TryRemove(temporary, out _);

    public bool TryFind(string temporary, out FileNode node, out long? length)
    {
        if (_targets.TryGetValue(temporary, out var target))
        {
            (node, length) = target;
            return true;
        }

        (node, length) = (null!, null);
        return false;
    }
}
