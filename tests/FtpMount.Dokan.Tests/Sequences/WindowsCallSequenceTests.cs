using FtpMount.Testing;

namespace FtpMount.Dokan.Tests.Sequences;

/// <summary>
/// Every sequence of <see cref="WindowsCallSequences"/> against every plain FTP server: the adapter over the real
/// core over a real daemon, with the statuses checked call by call and the server's files checked at the end.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WindowsCallSequenceTests
{
    public static TheoryData<FtpServerKind, string> Cases
    {
        get
        {
            var cases = new TheoryData<FtpServerKind, string>();
            foreach (var kind in FtpServerKinds.Plain)
            {
                foreach (var name in WindowsCallSequences.All.Keys)
                {
                    cases.Add((FtpServerKind)kind.Data, name);
                }
            }

            return cases;
        }
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task Windows_call_sequence_gets_the_expected_statuses_and_server_state(FtpServerKind kind, string sequence)
    {
        var definition = WindowsCallSequences.All[sequence];
        await using var session = await DokanSession.StartAsync(kind, definition.ReadOnly, definition.Arrange);

        // Dokan calls come on its own threads and block there; so do these.
        await Task.Run(() => definition.Run(new DokanScript(session)), TestContext.Current.CancellationToken);
        Assert.Equal(0, session.FileSystem.OpenHandleCount);
    }

    [Fact]
    public void Every_sequence_has_a_unique_name() =>
        Assert.Equal(WindowsCallSequences.All.Count, WindowsCallSequences.All.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
}
