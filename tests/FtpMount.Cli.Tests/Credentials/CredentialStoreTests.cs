using System.Text;
using FtpMount.Cli.Credentials;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Credentials;

/// <summary>The Credential Manager source, with a dictionary in place of advapi32.</summary>
public sealed class CredentialStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _environment = [];
    private readonly FakeStore _store = new();

    public void Dispose() => _temp.Dispose();

    private static MountRequest Request(params string[] args) =>
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(args, "/")).Request;

    private ResolvedCredentials Resolve(MountRequest request) =>
        new CredentialResolver(new CredentialContext
        {
            GetEnvironmentVariable = name => _environment.GetValueOrDefault(name),
            HomeDirectory = _temp.Path,
            CredentialStore = _store,
        }).Resolve(request);

    [Fact]
    public void Credential_for_user_at_host_is_found()
    {
        _store.Entries["ftpmount:alice@nas.example"] = new StoredCredential("alice", "from-store");
        var resolved = Resolve(Request("ftp://alice@NAS.example/", "/m"));
        Assert.Equal("from-store", resolved.Credentials.Password);
        Assert.Contains("ftpmount:alice@nas.example", resolved.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("from-store", resolved.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_comes_after_the_environment_and_before_netrc()
    {
        _temp.File(".netrc", "machine h login alice password from-netrc\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _store.Entries["ftpmount:alice@h"] = new StoredCredential("alice", "from-store");
        Assert.Equal("from-store", Resolve(Request("ftp://alice@h/", "/m")).Credentials.Password);
        _environment["FTPMOUNT_PASSWORD"] = "from-env";
        Assert.Equal("from-env", Resolve(Request("ftp://alice@h/", "/m")).Credentials.Password);
    }

    [Fact]
    public void Host_credential_supplies_the_user_when_none_is_given()
    {
        _store.Entries["ftpmount:h"] = new StoredCredential("carol", "pw");
        var credentials = Resolve(Request("ftp://h/", "/m")).Credentials;
        Assert.Equal("carol", credentials.UserName);
        Assert.Equal("pw", credentials.Password);
    }

    [Fact]
    public void Host_credential_for_another_user_is_not_used()
    {
        _store.Entries["ftpmount:h"] = new StoredCredential("carol", "pw");
        var error = Assert.Throws<CredentialException>(() => Resolve(Request("ftp://alice@h/", "/m")));
        Assert.Contains("ftpmount credential set alice@h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_blob_is_utf16_and_a_trailing_nul_is_not_part_of_the_password()
    {
        Assert.Equal("pässwörd", CredentialBlob.Decode(Encoding.Unicode.GetBytes("pässwörd"), "t"));
        Assert.Equal("pw", CredentialBlob.Decode(Encoding.Unicode.GetBytes("pw\0"), "t"));
        Assert.Equal(Encoding.Unicode.GetBytes("pässwörd"), CredentialBlob.Encode("pässwörd"));
        Assert.Throws<CredentialException>(() => CredentialBlob.Decode([0x41, 0x00, 0x42], "t"));
        Assert.Throws<CredentialException>(() => CredentialBlob.Encode(new string('x', 1281)));
        Assert.Throws<CredentialException>(() => CredentialBlob.Encode("a\nb"));
    }

    [Theory]
    [InlineData("nas.example", "ftpmount:nas.example", null)]
    [InlineData("alice@NAS.example", "ftpmount:alice@nas.example", "alice")]
    [InlineData("ftpmount:me@corp@h", "ftpmount:me@corp@h", "me@corp")]
    [InlineData("[::1]", "ftpmount:[::1]", null)]
    public void Credential_target_names_follow_ftpmount_user_at_host(string text, string target, string? user)
    {
        Assert.Equal((target, user), CredentialTarget.Parse(text));
    }

    [Fact]
    public async Task Credential_set_reads_the_password_from_stdin_and_stores_it()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await new CredentialSetter(_store, new StringReader("s3cret\nignored\n"), output, error)
            .RunAsync(new CredentialSetCommand("alice@h", null));
        Assert.Equal(0, code);
        Assert.Equal(new StoredCredential("alice", "s3cret"), _store.Entries["ftpmount:alice@h"]);
        Assert.DoesNotContain("s3cret", output.ToString() + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_set_for_a_host_needs_a_user()
    {
        var error = new StringWriter();
        var code = await new CredentialSetter(_store, new StringReader("pw\n"), TextWriter.Null, error).RunAsync(new CredentialSetCommand("h", null));
        Assert.NotEqual(0, code);
        Assert.Contains("--user", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await new CredentialSetter(_store, new StringReader("pw\n"), TextWriter.Null, error).RunAsync(new CredentialSetCommand("h", "bob")));
        Assert.Equal(new StoredCredential("bob", "pw"), _store.Entries["ftpmount:h"]);
    }

    [Fact]
    public async Task Credential_set_without_a_store_says_it_is_for_windows()
    {
        var error = new StringWriter();
        Assert.Equal(2, await new CredentialSetter(null, new StringReader("pw\n"), TextWriter.Null, error).RunAsync(new CredentialSetCommand("a@h", null)));
        Assert.Contains("Windows", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class FakeStore : ICredentialStore
    {
        public Dictionary<string, StoredCredential> Entries { get; } = [];

        public string Name => "test store";

        public StoredCredential? Read(string target) => Entries.GetValueOrDefault(target);

        public void Write(string target, StoredCredential credential) => Entries[target] = credential;
    }
}
