using System.Globalization;

namespace FtpMount.Testing;

/// <summary>
/// The test-only login shared by every server kind. vsftpd authenticates it through PAM as the system
/// user that scripts/install-test-servers.sh creates; the other daemons know it as a virtual user mapped
/// to that user's uid and gid, so files uploaded through any server have the same owner.
/// These are fixed test credentials for servers bound to 127.0.0.1, not secrets.
/// </summary>
internal sealed record TestAccount(string UserName, string Password, string PasswordHash, uint UserId, uint GroupId)
{
    internal const string FixedUserName = "ftpmounttest";

    // Must match TEST_PASSWORD in scripts/install-test-servers.sh.
    internal const string FixedPassword = "ftpmount-test-only";

    // SHA-512 crypt(3) of FixedPassword (`openssl passwd -6 -salt FtpMountTest ftpmount-test-only`), for
    // pure-ftpd's puredb and proftpd's AuthUserFile. A fixed hash needs no crypt(3) binding, and logs in
    // fast: `pure-pw useradd` would pick argon2id with t=1023, which makes every login noticeably slow.
    internal const string FixedPasswordHash =
        "$6$FtpMountTest$aT10LfOWmNnPKCvBJ8woS4/jVoBRc/aEF8t8Cy/oqc.fP7eOkwMj4iztPBZ5e1vxajvu7f2zZIZ95dxKXnNVX.";

    internal const string PasswdFile = "/etc/passwd";

    /// <summary>Looks the system user up in /etc/passwd, where useradd put it.</summary>
    internal static TestAccount Load()
    {
        string prefix = FixedUserName + ":";
        foreach (string line in File.ReadLines(PasswdFile))
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            // name:password:uid:gid:gecos:home:shell (passwd(5))
            string[] fields = line.Split(':');
            if (fields.Length >= 4
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint uid)
                && uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out uint gid))
            {
                return new TestAccount(FixedUserName, FixedPassword, FixedPasswordHash, uid, gid);
            }

            throw new FtpTestServerException($"The entry for '{FixedUserName}' in {PasswdFile} is malformed: {line}");
        }

        throw new FtpTestServerException(
            $"The test user '{FixedUserName}' does not exist in {PasswdFile}. {FtpTestServerException.InstallHint}");
    }

    /// <summary>PasswordHash is deliberately left out, so a logged record never shows the credentials.</summary>
    public override string ToString() => $"{UserName} (uid {UserId}, gid {GroupId})";
}
