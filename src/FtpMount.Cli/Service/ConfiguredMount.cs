using FtpMount.Cli.Options;

namespace FtpMount.Cli.Service;

/// <summary>A mount file that parsed into a request, named after its file.</summary>
internal sealed record ConfiguredMount(string Name, MountRequest Request);
