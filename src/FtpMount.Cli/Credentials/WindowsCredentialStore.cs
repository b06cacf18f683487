using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using FtpMount.Cli.Native;

namespace FtpMount.Cli.Credentials;

/// <summary>
/// Generic credentials of the Windows Credential Manager (what <c>cmdkey /generic:</c> writes), per user account:
/// the service finds the entries stored while running as its own account.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsCredentialStore : ICredentialStore
{
    public string Name => "Windows Credential Manager";

    public unsafe StoredCredential? Read(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Advapi32.CredReadW(target, Advapi32.CRED_TYPE_GENERIC, 0, out var pointer))
        {
            var error = Marshal.GetLastPInvokeError();
            return error == Advapi32.ERROR_NOT_FOUND
                ? null
                : throw new CredentialException($"Reading credential {target} failed: {new Win32Exception(error).Message}");
        }

        try
        {
            var credential = (CREDENTIALW*)pointer;
            var blob = new ReadOnlySpan<byte>((void*)credential->CredentialBlob, checked((int)credential->CredentialBlobSize));
            var user = Marshal.PtrToStringUni(credential->UserName);
            return new StoredCredential(string.IsNullOrEmpty(user) ? null : user, CredentialBlob.Decode(blob, target));
        }
        finally
        {
            Advapi32.CredFree(pointer);
        }
    }

    public unsafe void Write(string target, StoredCredential credential)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(credential);
        var blob = CredentialBlob.Encode(credential.Password);
        fixed (char* targetName = target)
        fixed (char* userName = credential.UserName)
        fixed (byte* bytes = blob)
        {
            var native = new CREDENTIALW
            {
                Type = Advapi32.CRED_TYPE_GENERIC,
                TargetName = (nint)targetName,
                CredentialBlobSize = (uint)blob.Length,
                CredentialBlob = (nint)bytes,
                // Survives logoff and reboot, for this account on this machine only (not roamed).
                Persist = Advapi32.CRED_PERSIST_LOCAL_MACHINE,
                UserName = (nint)userName,
            };
            try
            {
                if (!Advapi32.CredWriteW(&native, 0))
                {
                    throw new CredentialException(
                        $"Storing credential {target} failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
                }
            }
            finally
            {
                Array.Clear(blob);
            }
        }
    }
}
