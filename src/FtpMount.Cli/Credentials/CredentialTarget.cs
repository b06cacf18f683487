namespace FtpMount.Cli.Credentials;

/// <summary>
/// Credential Manager target names: <c>ftpmount:USER@HOST</c> for one user, <c>ftpmount:HOST</c> for the host
/// (its entry's user name says whom to log in as). Host names compare case-insensitively, as the store does.
/// </summary>
internal static class CredentialTarget
{
    public const string Prefix = "ftpmount:";

    private static readonly System.Buffers.SearchValues<char> NotInHost = System.Buffers.SearchValues.Create(" /\\\0\r\n\t");

    public static string For(string host, string? user) =>
        user is null ? Prefix + host.ToLowerInvariant() : $"{Prefix}{user}@{host.ToLowerInvariant()}";

    /// <summary>
    /// What <c>ftpmount credential set TARGET</c> means: <c>HOST</c>, <c>USER@HOST</c> or a full <c>ftpmount:…</c>
    /// name. The user is the part before the last '@' (user names may contain '@', host names may not).
    /// </summary>
    public static (string Target, string? User) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? text[Prefix.Length..] : text;
        var at = body.LastIndexOf('@');
        var user = at > 0 ? body[..at] : null;
        var host = at >= 0 ? body[(at + 1)..] : body;
        if (host.Length == 0 || host.AsSpan().IndexOfAny(NotInHost) >= 0)
        {
            throw new CredentialException($"\"{text}\" is not HOST, USER@HOST or ftpmount:USER@HOST.");
        }

        return (For(host, user), user);
    }
}
