namespace FtpMount.Testing.Hostile;

/// <summary>One command line a client sent, as the server read it (PASS arguments are masked).</summary>
/// <param name="Sequence">Order of arrival across all sessions, from 1.</param>
/// <param name="Session">Which control connection sent it, from 1 in order of connection.</param>
/// <param name="Verb">The command word, upper-cased.</param>
/// <param name="Argument">Everything after the first space, verbatim; empty when there is none.</param>
/// <param name="Path">The absolute server path the command names ("/dir/f"), for commands that name one; else null.</param>
public sealed record ReceivedCommand(long Sequence, int Session, string Verb, string Argument, string? Path)
{
    public override string ToString() => Argument.Length == 0 ? $"#{Session} {Verb}" : $"#{Session} {Verb} {Argument}";
}
