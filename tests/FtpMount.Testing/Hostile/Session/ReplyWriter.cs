namespace FtpMount.Testing.Hostile.Session;

/// <summary>Sends replies on the control connection, whole or dripped one byte at a time when the server says so.</summary>
internal sealed class ReplyWriter(Stream stream, Func<TimeSpan> byteDelay, TimeSpan timeout)
{
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var delay = byteDelay();
        if (delay <= TimeSpan.Zero)
        {
            await WriteChunkAsync(bytes, cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            await WriteChunkAsync(bytes.Slice(i, 1), cancellationToken).ConfigureAwait(false);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask WriteChunkAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken) =>
        IoDeadline.RunAsync(
            async ct =>
            {
                await stream.WriteAsync(chunk, ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
            },
            timeout,
            "Sending a reply",
            cancellationToken);
}
