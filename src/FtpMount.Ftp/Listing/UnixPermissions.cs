namespace FtpMount.Ftp.Listing;

/// <summary>
/// Reads the <c>drwxr-xr-x</c> column of <c>ls -l</c>: the type character and the twelve permission bits.
/// </summary>
internal static class UnixPermissions
{
    private const int SetUid = 0x800;   // 0o4000
    private const int SetGid = 0x400;   // 0o2000
    private const int Sticky = 0x200;   // 0o1000

    public static bool TryParse(ReadOnlySpan<byte> token, out FtpEntryType type, out int mode)
    {
        type = FtpEntryType.Other;
        mode = 0;

        // GNU ls adds '+' for an ACL and '.' for an SELinux context, macOS adds '@' for extended attributes.
        if (token.Length == 11 && token[10] is (byte)'+' or (byte)'@' or (byte)'.')
        {
            token = token[..10];
        }

        if (token.Length != 10 || !TryParseType(token[0], out type))
        {
            return false;
        }

        for (int triple = 0; triple < 3; triple++)
        {
            int shift = (2 - triple) * 3;
            var bits = token.Slice(1 + (triple * 3), 3);
            if (!TryParseTriple(bits, triple, out int rwx, out bool special))
            {
                return false;
            }

            mode |= rwx << shift;
            if (special)
            {
                mode |= triple switch { 0 => SetUid, 1 => SetGid, _ => Sticky };
            }
        }

        return true;
    }

    private static bool TryParseType(byte c, out FtpEntryType type)
    {
        type = c switch
        {
            (byte)'-' => FtpEntryType.File,
            (byte)'d' => FtpEntryType.Directory,
            (byte)'l' => FtpEntryType.Symlink,
            _ => FtpEntryType.Other,
        };

        // p fifo, s socket, c/b character/block device, D Solaris door.
        return type != FtpEntryType.Other || c is (byte)'p' or (byte)'s' or (byte)'c' or (byte)'b' or (byte)'D';
    }

    private static bool TryParseTriple(ReadOnlySpan<byte> bits, int triple, out int rwx, out bool special)
    {
        rwx = 0;
        special = false;
        if (bits[0] is not ((byte)'r' or (byte)'-') || bits[1] is not ((byte)'w' or (byte)'-'))
        {
            return false;
        }

        rwx |= bits[0] == 'r' ? 4 : 0;
        rwx |= bits[1] == 'w' ? 2 : 0;

        // Lower case: the special bit plus execute; upper case: the special bit alone. 'l'/'L' in the group slot is
        // the old System V mandatory-locking mark, which is setgid without group execute.
        byte x = bits[2];
        byte specialLower = triple switch { 0 => (byte)'s', 1 => (byte)'s', _ => (byte)'t' };
        byte specialUpper = (byte)(specialLower - 32);
        if (x == 'x')
        {
            rwx |= 1;
        }
        else if (x == specialLower)
        {
            rwx |= 1;
            special = true;
        }
        else if (x == specialUpper || (triple == 1 && x is (byte)'l' or (byte)'L'))
        {
            special = true;
        }
        else if (x != '-')
        {
            return false;
        }

        return true;
    }
}
