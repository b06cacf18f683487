namespace FtpMount.Cli.Tests.Installer;

/// <summary>Where the repository (and so installer/) is, found from the test assembly upwards.</summary>
internal static class InstallerPaths
{
    public static string RepositoryRoot { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FtpMount.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FtpMount.sln not found above the test assembly.");
    }
}
