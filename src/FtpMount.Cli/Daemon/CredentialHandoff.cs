using System.Text;
using FtpMount.Ftp;

namespace FtpMount.Cli.Daemon;

/// <summary>
/// Carries the resolved credentials from the starting process to the background process through the child's stdin
/// pipe, so they never appear in its argv or environment (both readable in /proc by the same user, argv by everyone).
/// Format: a header line, then user and password as base64 lines (any byte survives), then end of input.
/// </summary>
internal static class CredentialHandoff
{
    private const string Header = "ftpmount-credentials-1";
    private const int MaxBytes = 64 * 1024;

    public static void Write(Stream pipe, FtpCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ArgumentNullException.ThrowIfNull(credentials);
        var text = $"{Header}\n{Base64(credentials.UserName)}\n{Base64(credentials.Password)}\n";
        pipe.Write(Encoding.ASCII.GetBytes(text));
        pipe.Flush();
    }

    /// <summary>Reads up to end of input. Throws <see cref="InvalidDataException"/> (without content) when malformed.</summary>
    public static FtpCredentials Read(Stream pipe)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = pipe.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                throw new InvalidDataException("The credentials handed over by the starting process are too long.");
            }
        }

        var lines = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Split('\n');
        if (lines.Length < 3 || lines[0] != Header)
        {
            throw new InvalidDataException("The starting process handed over no credentials; start ftpmount without FTPMOUNT_DAEMON_CHILD.");
        }

        try
        {
            return new FtpCredentials(
                Encoding.UTF8.GetString(Convert.FromBase64String(lines[1])),
                Encoding.UTF8.GetString(Convert.FromBase64String(lines[2])));
        }
        catch (FormatException)
        {
            throw new InvalidDataException("The credentials handed over by the starting process are malformed.");
        }
    }

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
