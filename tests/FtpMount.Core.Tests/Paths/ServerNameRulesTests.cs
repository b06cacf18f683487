using FtpMount.Core.Errors;
using FtpMount.Core.Paths;

namespace FtpMount.Core.Tests.Paths;

public sealed class ServerNameRulesTests
{
    [Theory]
    [InlineData("UNIX Type: L8", 550, true)] // vsftpd, proftpd, pyftpdlib: no folder named ".\."
    [InlineData("unix", 550, true)]
    [InlineData("UNIX Type: L8", 553, false)] // pure-ftpd: "553 Prohibited file name", for every path with a backslash
    [InlineData("UNIX emulated by FileZilla", 250, false)] // Windows underneath: ".\." resolved to the folder
    [InlineData("UNIX Type: L8", 250, false)] // says UNIX, but reads a backslash as a separator
    [InlineData("UNIX Type: L8", 421, false)] // no clear answer
    [InlineData("Windows_NT", 550, false)] // IIS
    [InlineData("MACOS Peter's Server", 550, false)]
    [InlineData(null, 550, false)] // SYST refused: nothing known
    public void A_server_is_unix_like_when_syst_says_unix_and_a_backslash_path_is_looked_up_as_a_name(
        string? system, int probeReply, bool ordinary) =>
        Assert.Equal(ordinary, ServerNameRules.Decide(system, probeReply).BackslashIsOrdinary);

    [Fact]
    public void A_backslash_is_sent_to_a_unix_like_server_and_refused_with_einval_otherwise()
    {
        var path = RemotePath.Parse("/dir/back\\slash.txt");
        Assert.Equal("/srv/dir/back\\slash.txt", new ServerPathMap("/srv", ServerNameRules.Decide("UNIX Type: L8", 550)).ToServer(path));

        var refused = Assert.Throws<InvalidRemotePathException>(() => new ServerPathMap("/srv", ServerNameRules.Strict).ToServer(path));
        Assert.Equal(FsError.InvalidName, refused.Error);
        Assert.Equal(FsError.InvalidName, Assert.Throws<InvalidRemotePathException>(() => new ServerPathMap("/").ToServer(path)).Error);

        Assert.True(ServerNameRules.Decide("UNIX", 550).CanCarry("server\\made.txt"));
        Assert.False(ServerNameRules.Strict.CanCarry("server\\made.txt"));
        Assert.True(ServerNameRules.Strict.CanCarry("plain.txt"));
    }

    [Fact]
    public void A_path_longer_than_every_server_takes_in_a_command_is_name_too_long()
    {
        // 2048 bytes per command (pyftpdlib), less "MFMT <14 digits> " and room for our own 27-byte names beside it.
        Assert.Equal(2001, ServerNameRules.MaxServerPathBytes);
        var rules = ServerNameRules.Decide("UNIX", 550);
        var map = new ServerPathMap("/home/u", rules);
        var fits = "/" + string.Join('/', Enumerable.Repeat(new string('d', 99), 19)) + "/" + new string('f', 2001 - 7 - 1900 - 1);
        Assert.Equal(2001, System.Text.Encoding.UTF8.GetByteCount(map.ToServer(RemotePath.Parse(fits))));

        var error = Assert.Throws<InvalidRemotePathException>(() => map.ToServer(RemotePath.Parse(fits + "x")));
        Assert.Equal(FsError.NameTooLong, error.Error);
        Assert.Contains("2002 bytes", error.Message, StringComparison.Ordinal);

        // Counted in UTF-8 bytes, not characters: 1010 characters, 2010 bytes.
        var wide = RemotePath.Parse("/" + string.Join('/', Enumerable.Repeat(new string('é', 100), 10)));
        Assert.Equal(FsError.NameTooLong, Assert.Throws<InvalidRemotePathException>(() => new ServerPathMap("/", rules).ToServer(wide)).Error);
    }
}
