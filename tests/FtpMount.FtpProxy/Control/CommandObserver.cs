using System.Buffers;
using FtpMount.FtpProxy.Relay;

namespace FtpMount.FtpProxy.Control;

/// <summary>The client-to-server filter of a control connection: passes every byte on and tells the conversation.</summary>
internal sealed class CommandObserver(ControlConversation conversation) : IStreamFilter
{
    public void Process(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        conversation.ClientSent(input);
        output.Write(input);
    }

    public void Complete(IBufferWriter<byte> output)
    {
    }
}
