namespace FtpMount.Testing.InMemory;

/// <summary>
/// One request an <see cref="InMemoryRemoteStore"/> received, in order, whether it succeeded or not: what a test
/// asserts instead of the store's state when the question is "was it ever sent?".
/// </summary>
/// <param name="Verb">The command.</param>
/// <param name="Path">Its server path (for <see cref="StoreVerb.Rename"/>, the source).</param>
/// <param name="Target">The rename's target; null otherwise.</param>
/// <param name="Overwrites">
/// A rename or store whose target existed when it was sent: it would replace (destroy) what was there.
/// </param>
public sealed record StoreCommand(StoreVerb Verb, string Path, string? Target = null, bool Overwrites = false)
{
    /// <summary>Refused by a fault or by the store's rules (the 4xx/5xx the core saw); set once answered.</summary>
    public bool Refused { get; internal set; }

    /// <summary>For <see cref="StoreVerb.Retrieve"/> and <see cref="StoreVerb.Store"/>, the REST offset the transfer starts at (0 without REST).</summary>
    public long Offset { get; init; }

    /// <summary>DELE, RMD, or a rename/store onto an existing name: sent, whether refused or not.</summary>
    public bool IsDestructive => Verb is StoreVerb.Delete or StoreVerb.RemoveDirectory || Overwrites;

    public override string ToString() =>
        $"{Verb} {Path}{(Offset == 0 ? "" : $" from {Offset}")}{(Target is null ? "" : " -> " + Target)}{(Overwrites ? " (overwrites)" : "")}{(Refused ? " (refused)" : "")}";
}
