using System.Text;

namespace FtpMount.Testing.Hostile.Session;

/// <summary>Reads CRLF-terminated command lines (a bare LF is accepted too), refusing lines longer than 8 KiB.</summary>
internal sealed class CommandLineReader(Stream stream)
{
    public const int MaxLineBytes = 8 * 1024;

    private readonly byte[] _buffer = new byte[MaxLineBytes];
    private int _start;
    private int _end;

    /// <summary>The next line without its terminator; null when the client closed the connection.</summary>
    /// <exception cref="InvalidDataException">The line is longer than <see cref="MaxLineBytes"/>.</exception>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }

                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new InvalidDataException($"A command line is longer than {MaxLineBytes} bytes.");
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }
}
