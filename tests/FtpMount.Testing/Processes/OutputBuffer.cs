using System.Text;

namespace FtpMount.Testing.Processes;

/// <summary>The last few kilobytes a daemon wrote to stdout and stderr, for failure messages.</summary>
internal sealed class OutputBuffer
{
    private const int Capacity = 32 * 1024;

    private readonly Lock _lock = new();
    private readonly StringBuilder _text = new();

    internal void Append(ReadOnlySpan<char> chunk)
    {
        lock (_lock)
        {
            _text.Append(chunk);
            if (_text.Length > Capacity)
            {
                _text.Remove(0, _text.Length - Capacity);
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }
}
