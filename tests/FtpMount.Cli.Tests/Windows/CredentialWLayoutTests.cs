using System.Runtime.InteropServices;
using FtpMount.Cli.Native;

namespace FtpMount.Cli.Tests.Windows;

/// <summary>
/// CREDENTIALW offsets on x64, derived from wincred.h: DWORD Flags, DWORD Type, LPWSTR TargetName, LPWSTR Comment,
/// FILETIME LastWritten (two DWORDs, 4-aligned), DWORD CredentialBlobSize, LPBYTE CredentialBlob (8-aligned, so 4
/// bytes of padding before it), DWORD Persist, DWORD AttributeCount, PCREDENTIAL_ATTRIBUTEW Attributes,
/// LPWSTR TargetAlias, LPWSTR UserName. Linux x64 aligns these types the same way, so the check holds here.
/// </summary>
public class CredentialWLayoutTests
{
    [Theory]
    [InlineData(nameof(CREDENTIALW.Flags), 0)]
    [InlineData(nameof(CREDENTIALW.Type), 4)]
    [InlineData(nameof(CREDENTIALW.TargetName), 8)]
    [InlineData(nameof(CREDENTIALW.Comment), 16)]
    [InlineData(nameof(CREDENTIALW.LastWritten), 24)]
    [InlineData(nameof(CREDENTIALW.CredentialBlobSize), 32)]
    [InlineData(nameof(CREDENTIALW.CredentialBlob), 40)]
    [InlineData(nameof(CREDENTIALW.Persist), 48)]
    [InlineData(nameof(CREDENTIALW.AttributeCount), 52)]
    [InlineData(nameof(CREDENTIALW.Attributes), 56)]
    [InlineData(nameof(CREDENTIALW.TargetAlias), 64)]
    [InlineData(nameof(CREDENTIALW.UserName), 72)]
    public void Credentialw_field_sits_at_the_x64_offset_of_wincred_h(string field, int offset)
    {
        Assert.Equal(8, IntPtr.Size);
        Assert.Equal(offset, (int)Marshal.OffsetOf<CREDENTIALW>(field));
    }

    [Fact]
    public void Credentialw_is_80_bytes_on_x64()
    {
        Assert.Equal(80, System.Runtime.CompilerServices.Unsafe.SizeOf<CREDENTIALW>());
        Assert.Equal(80, Marshal.SizeOf<CREDENTIALW>());
    }
}
