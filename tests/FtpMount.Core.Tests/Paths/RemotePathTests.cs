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
    [InlineData("/a\\b")]
    public void Unsendable_or_escaping_paths_are_refused(string input)
    {
        var error = Assert.Throws<InvalidRemotePathException>(() => RemotePath.Parse(input));
        Assert.Equal(Core.Errors.FsError.InvalidName, error.Error);
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
