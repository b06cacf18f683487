using FtpMount.Testing.Processes;

namespace FtpMount.Testing;

/// <summary>
/// Cleans up after test processes that died without disposing their servers (a crashed or killed test
/// run): once per process, before the first server starts, it kills the processes of every server folder
/// whose owner process is gone and deletes the folder. Servers of live test processes are left alone.
/// </summary>
internal static class StaleServerSweeper
{
    // A folder without a readable owner file is younger than this while another process is creating it.
    private static readonly TimeSpan OwnerlessGrace = TimeSpan.FromMinutes(10);

    private static readonly Lazy<Task> Sweep = new(SweepAsync);

    internal static Task EnsureSweptAsync() => Sweep.Value;

    private static async Task SweepAsync()
    {
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(Path.GetTempPath(), ServerLayout.NamePrefix + "*").ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string folder in folders)
        {
            try
            {
                if (!IsStale(folder))
                {
                    continue;
                }

                await ProcessTreeKiller.KillAsync(rootProcessId: null, ownedDirectory: folder).ConfigureAwait(false);
                await new ServerLayout(folder).TryDeleteAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FtpTestServerException)
            {
                // Best effort: a leftover must not keep today's tests from starting.
            }
        }
    }

    private static bool IsStale(string folder)
    {
        string ownerFile = Path.Combine(folder, ServerLayout.OwnerFileName);
        ProcessOwner? owner = File.Exists(ownerFile) ? ProcessOwner.Parse(File.ReadAllText(ownerFile)) : null;
        if (owner is { } known)
        {
            return !known.IsAlive;
        }

        return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > OwnerlessGrace;
    }
}
