using System.Text;

namespace FtpMount.Cli.Credentials;

/// <summary>Reads a password from the terminal key by key, echoing nothing. Only offered when stdin is a terminal.</summary>
internal sealed class TerminalPasswordPrompt : IPasswordPrompt
{
    private TerminalPasswordPrompt()
    {
    }

    /// <summary>A prompt when stdin is a terminal; null otherwise (fstab, systemd, pipes), where nobody can answer.</summary>
    public static IPasswordPrompt? IfInteractive() => Console.IsInputRedirected ? null : new TerminalPasswordPrompt();

    public string? ReadPassword(string prompt)
    {
        // The prompt goes to stderr so that stdout stays clean for scripts.
        Console.Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (key.KeyChar == '\u0004' && password.Length == 0)
            {
                Console.Error.WriteLine();
                return null;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
