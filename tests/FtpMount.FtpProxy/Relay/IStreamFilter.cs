using System.Buffers;

namespace FtpMount.FtpProxy.Relay;

/// <summary>Rewrites one direction of a relayed stream as it is read; may hold back bytes across calls.</summary>
internal interface IStreamFilter
{
    void Process(ReadOnlySpan<byte> input, IBufferWriter<byte> output);

    /// <summary>End of stream: write out anything still held back.</summary>
    void Complete(IBufferWriter<byte> output);
}
