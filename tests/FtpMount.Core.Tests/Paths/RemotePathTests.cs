using FtpMount.Core.Paths;

namespace FtpMount.Core.Tests.Paths;

public class RemotePathTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a", "/a")]
    [InlineData("/a/b/", "/a/b")]
    [InlineData("//a///b", "/a/b")]
    [InlineData("/ lead/trail /two  spaces", "/ lead/trail /two  spaces")]
    [InlineData("/ünï/名前", "/ünï/名前")]
    public void Paths_are_normalised(string input, string expected) => Assert.Equal(expected, RemotePath.Parse(input).Value);

    [Theory]
    [InlineData("")]
    [InlineData("relative")]
    [InlineData("/a/../b")]
    [InlineData("/a/./b")]
    [InlineData("/a\r\nDELE b")]
    [InlineData("/a\nb")]
    [InlineData("/a\0b")]
    public void Unsendable_or_escaping_paths_are_refused(string input)
    {
        var error = Assert.Throws<InvalidRemotePathException>(() => RemotePath.Parse(input));
        Assert.Equal(Core.Errors.FsError.InvalidName, error.Error);
    }

    /// <summary>A backslash is an ordinary character in a Linux name; the server's rules decide whether it may be sent.</summary>
    [Theory]
    [InlineData("/back\\slash.txt")]
    [InlineData("/dir\\/..\\x")]
    [InlineData("/\\")]
    public void A_backslash_is_an_ordinary_character_of_a_name(string input) => Assert.Equal(input, RemotePath.Parse(input).Value);

    [Theory]
    [InlineData(255, 'a', true)]
    [InlineData(256, 'a', false)]
    [InlineData(127, 'é', true)]
    [InlineData(128, 'é', false)]
    [InlineData(85, '名', true)]
    [InlineData(86, '名', false)]
    public void Names_longer_than_255_utf8_bytes_are_name_too_long(int count, char repeated, bool accepted)
    {
        var name = new string(repeated, count);
        if (accepted)
        {
            Assert.Equal(name, RemotePath.Parse("/dir/" + name).Name);
            Assert.Equal(name, RemotePath.Root.Combine(name).Name);
            return;
        }

        Assert.Equal(Core.Errors.FsError.NameTooLong, Assert.Throws<InvalidRemotePathException>(() => RemotePath.Parse("/dir/" + name)).Error);
        Assert.Equal(Core.Errors.FsError.NameTooLong, Assert.Throws<InvalidRemotePathException>(() => RemotePath.Root.Combine(name)).Error);
    }

    [Fact]
    public void Lone_surrogates_are_refused() =>
        Assert.Throws<InvalidRemotePathException>(() => RemotePath.Parse("/bad" + (char)0xD800 + "surrogate"));

    [Fact]
    public void Parent_and_name_split_the_last_segment()
    {
        var path = RemotePath.Parse("/a/b/c.txt");
        Assert.Equal("c.txt", path.Name);
        Assert.Equal("/a/b", path.Parent.Value);
        Assert.Equal("/", RemotePath.Parse("/a").Parent.Value);
        Assert.True(RemotePath.Root.Parent.IsRoot);
    }

    [Fact]
    public void Rebase_moves_descendants_of_a_renamed_directory()
    {
        var from = RemotePath.Parse("/old");
        var to = RemotePath.Parse("/new/place");
        Assert.Equal("/new/place/x/y", RemotePath.Parse("/old/x/y").Rebase(from, to).Value);
        Assert.True(RemotePath.Parse("/old/x").IsWithin(from));
        Assert.False(RemotePath.Parse("/older").IsWithin(from));
    }

    [Fact]
    public void Server_paths_are_prefixed_with_the_mounted_root()
    {
        Assert.Equal("/home/u/a", new ServerPathMap("/home/u/").ToServer(RemotePath.Parse("/a")));
        Assert.Equal("/home/u", new ServerPathMap("/home/u").ToServer(RemotePath.Root));
        Assert.Equal("/a", new ServerPathMap("/").ToServer(RemotePath.Parse("/a")));
    }
}
