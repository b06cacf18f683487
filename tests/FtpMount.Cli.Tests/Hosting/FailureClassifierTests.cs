using System.Net.Sockets;
using FtpMount.Cli.Credentials;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Cli.Tests.Hosting;

public class FailureClassifierTests
{
    private static readonly MountRequest Request =
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(["ftp://alice@[::1]:2121/", "/m"], "/")).Request;

    public static TheoryData<Exception, int, string> Cases => new()
    {
        { new CommandLineException("Option uid=x is bad."), ExitCodes.Usage, "Option uid=x is bad." },
        { new MountpointException("Mount point /m is busy."), ExitCodes.Mountpoint, "Mount point /m is busy." },
        { new CredentialException("No password."), ExitCodes.Credentials, "No password." },
        { new FtpAuthenticationException("Login as \"alice\" was refused: 530 Login incorrect.", new FtpReply(530, ["Login incorrect."])), ExitCodes.AuthenticationFailed, "[::1]:2121: Login as \"alice\" was refused" },
        { new FtpTlsException("TLS handshake failed: certificate name mismatch."), ExitCodes.TlsFailed, "TLS with [::1]:2121 failed: TLS handshake failed" },
        { new FtpConnectionLostException("Cannot connect to ::1:2121 (control): Connection refused."), ExitCodes.Unreachable, "Cannot reach [::1]:2121: Cannot connect" },
        { new FtpTimeoutException("No reply within 15 s."), ExitCodes.Unreachable, "did not answer in time" },
        { new SocketException((int)SocketError.HostNotFound), ExitCodes.Unreachable, "Cannot reach [::1]:2121" },
        { new IOException("x", new SocketException((int)SocketError.ConnectionRefused)), ExitCodes.Unreachable, "Cannot reach [::1]:2121" },
        { new Fuse.FuseLibraryException("libfuse 3 is not installed: looked for libfuse3.so.4 and libfuse3.so.3."), ExitCodes.Failure, "libfuse 3 is not installed: looked for libfuse3.so.4" },
        { new OperationCanceledException(), ExitCodes.Interrupted, "Stopped before the mount was ready." },
        { new InvalidOperationException("boom"), ExitCodes.Failure, "Unexpected InvalidOperationException: boom" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Maps_each_failure_class_to_its_code_and_one_sentence(Exception exception, int code, string sentence)
    {
        var failure = FailureClassifier.Classify(exception, Request);
        Assert.Equal(code, failure.ExitCode);
        Assert.Contains(sentence, failure.Sentence, StringComparison.Ordinal);
    }
}
