using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Credentials;

/// <summary>
/// <c>ftpmount credential set</c>: the password comes from the first line of stdin, never from argv (visible to
/// every user in the process list), so an installer can pipe it in.
/// </summary>
internal sealed class CredentialSetter(ICredentialStore? store, TextReader input, TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(CredentialSetCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (store is null)
        {
            await error.WriteLineAsync(
                "ftpmount: credential set stores passwords in the Windows Credential Manager and works on Windows only; " +
                "elsewhere use password_file=, FTPMOUNT_PASSWORD or ~/.netrc.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var (target, userInTarget) = CredentialTarget.Parse(command.Target);
            if (userInTarget is not null && command.UserName is not null && userInTarget != command.UserName)
            {
                throw new CredentialException($"--user {command.UserName} contradicts the user in {command.Target}.");
            }

            var user = userInTarget ?? command.UserName
                ?? throw new CredentialException($"Give the login as USER@{command.Target} or with --user NAME.");
            var password = await input.ReadLineAsync().ConfigureAwait(false)
                ?? throw new CredentialException("No password on standard input (one line is read).");
            store.Write(target, new StoredCredential(user, password));
            await output.WriteLineAsync($"Stored the password for {user} as {target} in the {store.Name}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (CredentialException e)
        {
            await error.WriteLineAsync("ftpmount: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Credentials;
        }
    }
}
