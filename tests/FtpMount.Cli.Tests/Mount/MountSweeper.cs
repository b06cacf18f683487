[assembly: AssemblyFixture(typeof(FtpMount.Cli.Tests.Mount.MountSweeper))]

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Runs once after every test of the assembly: finishes the disposal of mounts whose tests timed out (xunit does
/// not wait for an abandoned test), so no mount, ftpmount process or server outlives the test run.
/// </summary>
public sealed class MountSweeper : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await MountedServer.DisposeAllAsync();
        await Libfuse.ReleaseMount.DisposeAllAsync();
    }
}
