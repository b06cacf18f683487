namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// The 1 GiB copies run alone, after everything else and one server at a time: together they would compete for the
/// disk and both cores, and their timings would say nothing.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class RunsAlone;
