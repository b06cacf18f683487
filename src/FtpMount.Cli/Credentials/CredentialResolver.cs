using FtpMount.Cli.Options;
using FtpMount.Ftp;

namespace FtpMount.Cli.Credentials;

/// <summary>
/// Finds the password, first source wins: <c>password_file=</c>, the variable named by <c>password_env=</c>
/// (<c>FTPMOUNT_PASSWORD</c>), systemd's <c>$CREDENTIALS_DIRECTORY/ftpmount-password</c>, on Windows the Credential
/// Manager (<c>ftpmount:USER@HOST</c>, then <c>ftpmount:HOST</c>), netrc, a password in the URL, a terminal prompt.
/// Without any user name: the Credential Manager's <c>ftpmount:HOST</c> entry, netrc's login for the host, else anonymous.
/// A source named explicitly by an option that cannot be used is an error, never skipped silently.
/// </summary>
internal sealed class CredentialResolver(CredentialContext context)
{
    /// <summary>File name looked up in <c>$CREDENTIALS_DIRECTORY</c> (systemd <c>LoadCredential=ftpmount-password:…</c>).</summary>
    public const string SystemdCredentialName = "ftpmount-password";

    public ResolvedCredentials Resolve(MountRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Options;
        var user = request.UserName;
        if (user is null)
        {
            return ResolveWithoutUser(request.Host, options);
        }

        if (options.PasswordFile is { } file)
        {
            return Found(user, SecretFile.ReadFirstLine(file, "password_file"), $"password_file {file}");
        }

        if (FromEnvironment(options) is { } fromEnvironment)
        {
            return Found(user, fromEnvironment, $"environment variable {options.EffectivePasswordEnvironmentVariable}");
        }

        if (FromSystemdCredential() is { } fromSystemd)
        {
            return Found(user, fromSystemd.Password, fromSystemd.Path);
        }

        if (FromStore(request.Host, user) is { } fromStore)
        {
            return fromStore;
        }

        if (FromNetrc(request.Host, user, options) is { } fromNetrc)
        {
            return fromNetrc;
        }

        if (request.Source.Password is { } inUrl)
        {
            return Found(user, inUrl, "the URL");
        }

        if (context.Prompt?.ReadPassword($"Password for {user}@{request.Host}: ") is { } typed)
        {
            return Found(user, typed, "the terminal");
        }

        throw new CredentialException(
            $"No password for user {user} on host {request.Host}: use password_file=, FTPMOUNT_PASSWORD " +
            $"(or password_env=), $CREDENTIALS_DIRECTORY/{SystemdCredentialName}, " +
            (context.CredentialStore is null ? string.Empty : $"ftpmount credential set {user}@{request.Host}, ") +
            "~/.netrc, or run ftpmount on a terminal to be asked.");
    }

    private ResolvedCredentials ResolveWithoutUser(string host, MountOptionValues options)
    {
        if (options.PasswordFile is not null || options.PasswordEnvironmentVariable is not null)
        {
            var option = options.PasswordFile is not null ? "password_file=" : "password_env=";
            throw new CredentialException(
                $"Option {option} gives a password but no user name is set: write ftp://USER@{host}/ or add ftp_user=USER.");
        }

        if (FromStore(host, null) is { } fromStore)
        {
            return fromStore;
        }

        if (FromNetrc(host, null, options) is { } fromNetrc)
        {
            return fromNetrc;
        }

        return new ResolvedCredentials(FtpCredentials.Anonymous, "anonymous login (no user name given)");
    }

    private string? FromEnvironment(MountOptionValues options)
    {
        var value = context.GetEnvironmentVariable(options.EffectivePasswordEnvironmentVariable);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (options.PasswordEnvironmentVariable is not null)
        {
            throw new CredentialException(
                $"Option password_env={options.PasswordEnvironmentVariable} names a variable that is not set or is empty.");
        }

        return null;
    }

    private (string Password, string Path)? FromSystemdCredential()
    {
        var directory = context.GetEnvironmentVariable("CREDENTIALS_DIRECTORY");
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        // systemd makes these files readable by the service only, on a private ramfs; no mode check needed.
        var path = Path.Combine(directory, SystemdCredentialName);
        if (!File.Exists(path))
        {
            return null;
        }

        // An empty first line means none: the ftpmount@.service template pairs LoadCredential= with a SetCredential=
        // fallback of one newline, so that instances using password_file=, netrc or anonymous login start without a
        // credential file (systemd fails the start when a LoadCredential= file is missing and there is no fallback).
        var password = SecretFile.ReadFirstLine(path, "systemd credential", checkMode: false);
        return password.Length > 0 ? (password, path) : null;
    }

    /// <summary>
    /// <c>ftpmount:USER@HOST</c> first; then <c>ftpmount:HOST</c>, whose entry must name the user asked for (or,
    /// with no user asked for, name one: a host entry without a user cannot say whom to log in as).
    /// </summary>
    private ResolvedCredentials? FromStore(string host, string? user)
    {
        if (context.CredentialStore is not { } store)
        {
            return null;
        }

        if (user is not null)
        {
            var target = CredentialTarget.For(host, user);
            if (store.Read(target) is { } exact)
            {
                return Found(user, exact.Password, $"{store.Name} ({target})");
            }
        }

        var hostTarget = CredentialTarget.For(host, null);
        if (store.Read(hostTarget) is not { UserName: { } storedUser } forHost)
        {
            return null;
        }

        return user is null || string.Equals(user, storedUser, StringComparison.Ordinal)
            ? Found(storedUser, forHost.Password, $"{store.Name} ({hostTarget})")
            : null;
    }

    private ResolvedCredentials? FromNetrc(string host, string? user, MountOptionValues options)
    {
        var path = options.NetrcFile;
        if (path is null)
        {
            if (context.HomeDirectory is null)
            {
                return null;
            }

            path = Path.Combine(context.HomeDirectory, ".netrc");
            if (!File.Exists(path))
            {
                return null;
            }
        }

        var entry = NetrcFile.Parse(SecretFile.ReadPrivateText(path, "netrc file")).Find(host, user);
        if (entry?.Password is not { } password)
        {
            return null;
        }

        var login = user ?? entry.Login ?? FtpCredentials.Anonymous.UserName;
        var block = entry.Machine is null ? "default" : $"machine {entry.Machine}";
        return new ResolvedCredentials(new FtpCredentials(login, password), $"{path} ({block})");
    }

    private static ResolvedCredentials Found(string user, string password, string source) =>
        new(new FtpCredentials(user, password), source);
}
