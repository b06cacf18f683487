using FtpMount.Ftp;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Core.Handles;

/// <summary>
/// Reads one remote file for one open handle. A single RETR streams from the current offset; the bytes read
/// recently stay in a <see cref="ReadWindow"/> so requests that arrive out of order (the kernel's parallel
/// read-ahead) are served from memory; a short jump forward reads through; anything else aborts the stream
/// (ABOR drain) and restarts it with REST at the new offset.
/// </summary>
internal sealed class RemoteReader : IAsyncDisposable
{
    private readonly FtpClient _client;
    private readonly string _serverPath;
    private readonly long _forwardSkip;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ReadWindow _window;
    private FtpDownloadStream? _stream;
    private long _streamPosition;
    private long _endOfFile = long.MaxValue;

    private readonly StreamBudget _budget;

    public RemoteReader(FtpClient client, string serverPath, int windowBytes, long forwardSkip, StreamBudget budget)
    {
        _client = client;
        _budget = budget;
        _serverPath = serverPath;
        _forwardSkip = forwardSkip;
        _window = new ReadWindow(windowBytes);
    }

    public async ValueTask<int> ReadAsync(Memory<byte> destination, long offset, long knownSize, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = 0;
            while (total < destination.Length)
            {
                var position = offset + total;
                // Never REST past the known end: pure-ftpd answers that with "restart offset reset to 0".
                if (position >= _endOfFile || position >= knownSize)
                {
                    break;
                }

                if (_window.Contains(position))
                {
                    total += _window.CopyTo(position, destination.Span[total..]);
                    continue;
                }

                if (_stream is null || position < _streamPosition || position - _streamPosition > _forwardSkip)
                {
                    await RestartAtAsync(position, cancellationToken).ConfigureAwait(false);
                }

                if (!await FillWindowAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (_endOfFile < knownSize)
                    {
                        // In stream mode a cut data connection looks like the end of the file, and the server may
                        // already have said 226 for bytes still in flight. Short data would reach the page cache
                        // as zeros: refuse it, so the read fails (EIO) and the next one restarts at its offset.
                        var ended = _endOfFile;
                        _endOfFile = long.MaxValue;
                        throw new FtpIntegrityException(
                            $"The download of {_serverPath} ended at byte {ended} of {knownSize}; the data connection was probably cut.");
                    }

                    break;
                }
            }

            return total;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the next chunk of the stream into the window, which drops its oldest bytes when full.</summary>
    private async ValueTask<bool> FillWindowAsync(CancellationToken cancellationToken)
    {
        var read = await _stream!.ReadAsync(_window.GetFreeSpace(), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfFile = _streamPosition;
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
            return false;
        }

        _window.Commit(read);
        _streamPosition += read;
        return true;
    }

    private async ValueTask RestartAtAsync(long position, CancellationToken cancellationToken)
    {
        await CloseStreamAsync().ConfigureAwait(false);
        await _budget.BeforeReaderOpensAsync(this).ConfigureAwait(false);
        _stream = await _client.OpenReadAsync(_serverPath, position, cancellationToken).ConfigureAwait(false);
        _streamPosition = position;
        _window.Reset(position);
        _endOfFile = long.MaxValue;
    }

    /// <summary>Gives the connection back if this reader is idle; the window stays, so nearby reads still hit memory.</summary>
    public async ValueTask<bool> TryReleaseStreamAsync()
    {
        if (!_gate.Wait(0))
        {
            return false;
        }

        try
        {
            if (_stream is null)
            {
                return false;
            }

            await CloseStreamAsync().ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask CloseStreamAsync()
    {
        var stream = _stream;
        _stream = null;
        if (stream is not null)
        {
            _budget.ReaderStreamClosed(this);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await CloseStreamAsync().ConfigureAwait(false);
            _window.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
