using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace FtpMount.Cli.Native;

/// <summary>The Credential Manager calls ftpmount needs; names and values as in wincred.h and winerror.h.</summary>
[SupportedOSPlatform("windows")]
internal static partial class Advapi32
{
    private const string Library = "advapi32.dll";

    public const uint CRED_TYPE_GENERIC = 1;

    public const uint CRED_PERSIST_LOCAL_MACHINE = 2;

    /// <summary>wincred.h: <c>CRED_MAX_CREDENTIAL_BLOB_SIZE (5*512)</c>.</summary>
    public const int CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512;

    public const int ERROR_NOT_FOUND = 1168;

    /// <summary><c>BOOL CredReadW(LPCWSTR TargetName, DWORD Type, DWORD Flags, PCREDENTIALW *Credential)</c>.</summary>
    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CredReadW(string TargetName, uint Type, uint Flags, out nint Credential);

    /// <summary><c>BOOL CredWriteW(PCREDENTIALW Credential, DWORD Flags)</c>.</summary>
    [LibraryImport(Library, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static unsafe partial bool CredWriteW(CREDENTIALW* Credential, uint Flags);

    /// <summary><c>VOID CredFree(PVOID Buffer)</c>.</summary>
    [LibraryImport(Library)]
    public static partial void CredFree(nint Buffer);
}
