using FtpMount.Fuse.Tests.Mounting;

namespace FtpMount.Fuse.Tests;

/// <summary>
/// Local names are bytes; remote names are text. A name whose bytes are not UTF-8 has no exact text form: decoding it
/// with U+FFFD would turn <c>a\xff</c> and <c>a\xfe</c> into the same name, so saving one would overwrite the other.
/// Such names are refused with EILSEQ, whatever the operation.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NameEncodingTests
{
    private const string Script = """
        import errno, os, sys
        root = os.fsencode(sys.argv[1])
        def attempt(action):
            try:
                action()
                return 'ok'
            except OSError as e:
                return errno.errorcode.get(e.errno, str(e.errno))
        def create(name):
            fd = os.open(root + b'/' + name, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o644)
            os.write(fd, name)
            os.close(fd)
        print(attempt(lambda: create(b'a\xff')))
        print(attempt(lambda: create(b'a\xfe')))
        print(attempt(lambda: os.mkdir(root + b'/d\xc3')))
        print(attempt(lambda: os.rename(root + b'/keep.txt', root + b'/k\xe9ep.txt')))
        print(attempt(lambda: os.stat(root + b'/keep.txt\x80')))
        print(attempt(lambda: create('caf\u00e9.txt'.encode())))
        """;

    [Fact(Timeout = 60_000)]
    public async Task Names_that_are_not_utf8_are_refused_with_EILSEQ_and_never_alias_another()
    {
        var fileSystem = new InMemoryFileSystem();
        fileSystem.AddFile("/keep.txt", "kept\n");
        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);

        string results = await ProcessRunner.RunCheckedAsync("/usr/bin/python3", "-c", Script, mount.MountPoint);

        Assert.Equal("EILSEQ\nEILSEQ\nEILSEQ\nEILSEQ\nEILSEQ\nok\n", results);
        Assert.Equal(["/", "/café.txt", "/keep.txt"], fileSystem.AllPaths().Order(StringComparer.Ordinal));
        Assert.Equal("kept\n", fileSystem.ReadFile("/keep.txt"));
    }
}
