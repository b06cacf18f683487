using System.Collections.Concurrent;

namespace FtpMount.Ftp.Transfers;

/// <summary>The transfers a client has in flight right now.</summary>
public sealed class FtpTransferMonitor
{
    private readonly ConcurrentDictionary<FtpTransfer, byte> _active = new();

    public IReadOnlyList<FtpTransfer> Active => [.. _active.Keys];

    internal FtpTransfer Begin(string path, FtpTransferDirection direction, long startOffset)
    {
        var transfer = new FtpTransfer(path, direction, startOffset);
        _active[transfer] = 0;
        return transfer;
    }

    internal void End(FtpTransfer transfer) => _active.TryRemove(transfer, out _);
}
