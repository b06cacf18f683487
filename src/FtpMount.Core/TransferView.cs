using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Core;

/// <summary>
/// The client's transfers in flight as the mount's user knows them: mount paths instead of server paths, a
/// temporary upload name replaced by the file it saves, and the file's size where the mount knows it.
/// </summary>
internal static class TransferView
{
    /// <summary>Shown instead of a server path outside the mounted folder, which is never shown.</summary>
    public const string OutsideTheMount = "(outside the mount)";

    public static IReadOnlyList<TransferStatus> Describe(
        IReadOnlyList<FtpTransfer> active, ServerPathMap map, UploadTargets uploads, FileNodeTable nodes)
    {
        var described = new List<TransferStatus>(active.Count);
        foreach (var transfer in active)
        {
            string path;
            long? total = null;
            if (transfer.Direction == FtpTransferDirection.Upload && uploads.TryFind(transfer.Path, out var target, out var length))
            {
                path = target.Path.Value;
                total = length;
            }
            else if (map.ToMount(transfer.Path) is { } mountPath)
            {
                path = mountPath.Value;
                if (transfer.Direction == FtpTransferDirection.Download)
                {
                    // Downloads serve open files, whose node knows the server's size.
                    total = nodes.Find(mountPath)?.ServerEntry?.Size;
                }
            }
            else
            {
                path = OutsideTheMount;
            }

            described.Add(new TransferStatus(
                transfer.Id, path, transfer.Direction, transfer.StartOffset, transfer.Bytes, total, transfer.StartedAt));
        }

        return described;
    }
}
