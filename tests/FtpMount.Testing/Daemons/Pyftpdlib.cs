using System.Text.Json;

namespace FtpMount.Testing.Daemons;

/// <summary>
/// pyftpdlib 1.5.7, unpacked from python3-pyftpdlib and run by Debian's /usr/bin/python3 with PYTHONPATH
/// pointing into the cache. A small script (pyftpdlib_server.py, embedded in this assembly) builds a
/// DummyAuthorizer + FTPServer from a JSON config and then drops to the test user.
/// </summary>
internal static class Pyftpdlib
{
    private const string ScriptResource = "FtpMount.Testing.pyftpdlib_server.py";

    internal static DaemonCommand Prepare(ServerSetup setup)
    {
        ServerLayout layout = setup.Layout;
        string logFile = Path.Combine(layout.RunDirectory, "pyftpdlib.log");

        string script = Path.Combine(layout.ConfigDirectory, "pyftpdlib_server.py");
        using (Stream resource = typeof(Pyftpdlib).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new FtpTestServerException($"Embedded resource {ScriptResource} is missing."))
        using (var reader = new StreamReader(resource))
        {
            ConfigFile.Write(script, reader.ReadToEnd());
        }

        var config = new Dictionary<string, object>
        {
            ["host"] = setup.Host,
            ["port"] = setup.Port,
            ["user"] = setup.Account.UserName,
            ["password"] = setup.Account.Password,
            ["home"] = layout.RootDirectory,
            ["uid"] = setup.Account.UserId,
            ["gid"] = setup.Account.GroupId,
            ["max_cons"] = setup.MaxConnections,
            ["max_cons_per_ip"] = setup.MaxConnectionsPerIp,
            ["idle_timeout"] = setup.IdleTimeoutSeconds,
            ["data_timeout"] = ServerSetup.DataTimeoutSeconds,
            ["log_file"] = logFile,
            ["encoding"] = setup.NameEncoding ?? "utf8",
        };
        string configFile = ConfigFile.Write(
            Path.Combine(layout.ConfigDirectory, "pyftpdlib.json"), JsonSerializer.Serialize(config));

        return new DaemonCommand(
            ServerInstallation.Python3,
            ["-s", "-B", "-u", script, configFile],
            new Dictionary<string, string?>
            {
                ["PYTHONPATH"] = setup.Installation.PythonPath,
                ["PYTHONHOME"] = null,
                ["PYTHONSTARTUP"] = null,
                ["PYTHONNOUSERSITE"] = "1",
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            },
            [logFile]);
    }
}
