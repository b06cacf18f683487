// The command is the Linux (FUSE) host: its tests use /proc, Unix file modes, Unix sockets and setsid.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
