namespace FtpMount.Cli.Credentials;

/// <summary>One <c>machine</c> block of a netrc file, or the <c>default</c> block when <see cref="Machine"/> is null.</summary>
internal sealed record NetrcEntry(string? Machine, string? Login, string? Password)
{
    public override string ToString() => $"{Machine ?? "default"} login {Login ?? "-"} (password hidden)";
}
