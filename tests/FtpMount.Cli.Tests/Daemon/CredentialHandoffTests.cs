using FtpMount.Cli.Daemon;
using FtpMount.Ftp;

namespace FtpMount.Cli.Tests.Daemon;

public class CredentialHandoffTests
{
    [Theory]
    [InlineData("alice", "simple")]
    [InlineData("ünïcode user", "pa ss\nwith\r\nline breaks and \0 nul")]
    [InlineData("anonymous", "")]
    public void Round_trips_any_user_and_password(string user, string password)
    {
        using var pipe = new MemoryStream();
        CredentialHandoff.Write(pipe, new FtpCredentials(user, password));
        pipe.Position = 0;
        var read = CredentialHandoff.Read(pipe);
        Assert.Equal(user, read.UserName);
        Assert.Equal(password, read.Password);
    }

    [Fact]
    public void Password_is_not_written_in_clear()
    {
        using var pipe = new MemoryStream();
        CredentialHandoff.Write(pipe, new FtpCredentials("alice", "hunter2"));
        Assert.DoesNotContain("hunter2", System.Text.Encoding.ASCII.GetString(pipe.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("something else\n")]
    [InlineData("ftpmount-credentials-1\n!!!\n???\n")]
    public void Malformed_input_is_refused_without_echoing_it(string input)
    {
        using var pipe = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(input));
        var error = Assert.Throws<InvalidDataException>(() => CredentialHandoff.Read(pipe));
        Assert.DoesNotContain("???", error.Message, StringComparison.Ordinal);
    }
}
