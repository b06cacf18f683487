namespace FtpMount.Cli.Tests.Aot;

/// <summary>
/// The tests that run a whole <c>dotnet publish</c> (Native AOT, linux-arm64, win-x64) take one after another: run side
/// by side on a two-core machine under a full suite, each took longer than its no-hang bound.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PublishGroup
{
    public const string Name = "dotnet publish";
}
