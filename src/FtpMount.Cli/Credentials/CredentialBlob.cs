using System.Text;

namespace FtpMount.Cli.Credentials;

/// <summary>
/// The password inside a generic Credential Manager entry: UTF-16LE without terminator, as cmdkey and the
/// Credential Manager UI write it. Some tools add a terminating NUL; it is not part of the password.
/// </summary>
internal static class CredentialBlob
{
    /// <summary>wincred.h <c>CRED_MAX_CREDENTIAL_BLOB_SIZE</c>: 5*512 bytes.</summary>
    public const int MaxSize = 5 * 512;

    public static string Decode(ReadOnlySpan<byte> blob, string target)
    {
        if (blob.Length % 2 != 0)
        {
            throw new CredentialException(
                $"Credential {target} holds {blob.Length} bytes, not a UTF-16 password; store it again with ftpmount credential set.");
        }

        var text = Encoding.Unicode.GetString(blob);
        return text.TrimEnd('\0');
    }

    public static byte[] Encode(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0 || password.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0)
        {
            throw new CredentialException("The password is empty or contains NUL, CR or LF.");
        }

        var bytes = Encoding.Unicode.GetBytes(password);
        if (bytes.Length > MaxSize)
        {
            throw new CredentialException($"The password is longer than the Credential Manager allows ({MaxSize / 2} UTF-16 units).");
        }

        return bytes;
    }
}
