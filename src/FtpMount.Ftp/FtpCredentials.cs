namespace FtpMount.Ftp;

/// <summary>
/// A user name and password. The password never appears in <see cref="ToString"/>, logs or exception messages.
/// </summary>
public sealed class FtpCredentials(string userName, string password)
{
    public static FtpCredentials Anonymous { get; } = new("anonymous", "anonymous@");

    public string UserName { get; } = userName;

    public string Password { get; } = password;

    public override string ToString() => $"{UserName} (password hidden)";
}
