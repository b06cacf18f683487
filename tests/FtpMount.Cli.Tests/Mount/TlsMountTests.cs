using System.Security.Cryptography;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>An FTPS mount with a pinned self-signed certificate works like a plain one: control and data encrypted.</summary>
[Trait("Category", "Integration")]
public sealed class TlsMountTests
{
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Tls), MemberType = typeof(FtpServerKinds))]
    public async Task Ftps_mount_with_a_pinned_certificate_lists_reads_and_writes(FtpServerKind kind)
    {
        // The URL stays ftp://host:port/: tls= says how TLS starts (the test server's implicit port is not 990).
        await using var mount = await MountedServer.StartAsync(
            kind,
            server => $"tls={(server.IsImplicitTls ? "implicit" : "explicit")},fingerprint={server.CertificateSha256},tls_host={server.TlsHostName}");
        mount.Server.CreateFile("docs/hello.txt", "over TLS\n"u8);

        Assert.Matches(@"(?m)^-rw-r--r-- .* 9 .* hello\.txt$", await ExternalProgram.RunCheckedAsync("ls", "-l", mount.PathOf("docs")));
        Assert.Equal("over TLS\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("docs/hello.txt")));

        using var local = new TempDirectory();
        var content = new byte[2 * 1024 * 1024 + 5];
        new Random(12).NextBytes(content);
        var source = Path.Combine(local.Path, "payload.bin");
        await File.WriteAllBytesAsync(source, content, TestContext.Current.CancellationToken);
        var expected = Convert.ToHexStringLower(SHA256.HashData(content));

        await ExternalProgram.RunCheckedAsync("cp", source, mount.PathOf("docs/payload.bin"));
        Assert.Equal(expected, await ExternalProgram.Sha256Async(mount.ServerPathOf("docs/payload.bin")));
        var back = Path.Combine(local.Path, "back.bin");
        await ExternalProgram.RunCheckedAsync("cp", mount.PathOf("docs/payload.bin"), back);
        Assert.Equal(expected, await ExternalProgram.Sha256Async(back));

        await ExternalProgram.RunCheckedAsync("mv", mount.PathOf("docs/hello.txt"), mount.PathOf("hello.txt"));
        Assert.Equal("over TLS\n", await File.ReadAllTextAsync(mount.ServerPathOf("hello.txt"), TestContext.Current.CancellationToken));
    }
}
