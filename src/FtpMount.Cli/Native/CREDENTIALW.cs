using System.Runtime.InteropServices;
using System.Runtime.InteropServices.ComTypes;

namespace FtpMount.Cli.Native;

/// <summary>
/// wincred.h <c>CREDENTIALW</c>, field for field. x64 layout (80 bytes): the FILETIME is 4-aligned at 24, so
/// CredentialBlobSize sits at 32 and the blob pointer is padded to 40. A test checks every offset.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CREDENTIALW
{
    public uint Flags;
    public uint Type;
    public nint TargetName;
    public nint Comment;
    public FILETIME LastWritten;
    public uint CredentialBlobSize;
    public nint CredentialBlob;
    public uint Persist;
    public uint AttributeCount;
    public nint Attributes;
    public nint TargetAlias;
    public nint UserName;
}
