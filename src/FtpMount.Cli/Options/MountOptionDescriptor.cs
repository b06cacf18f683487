namespace FtpMount.Cli.Options;

/// <summary>
/// One documented <c>-o</c> entry: the names it answers to with what each sets in <see cref="MountOptionValues"/>, and
/// its text in <c>ftpmount --help</c> and in the man page's OPTIONS section. Both texts are generated from these records.
/// </summary>
/// <param name="HelpTerm">The left column of --help, e.g. <c>uid=N, gid=N, umask=OOO</c>.</param>
/// <param name="Help">The right column; further lines (separated by <c>\n</c>) are indented under the first.</param>
/// <param name="ManTerm">The roff line after <c>.TP</c>, e.g. <c>.BI dir_cache_ttl= S</c>.</param>
/// <param name="Man">The roff paragraph under the term.</param>
/// <param name="Handlers">Every option name of this entry and how it is applied.</param>
internal sealed record MountOptionDescriptor(
    string HelpTerm, string Help, string ManTerm, string Man, IReadOnlyList<MountOptionHandler> Handlers);
