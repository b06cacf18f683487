using System.Buffers;
using System.Security.Cryptography;

namespace FtpMount.Core.Nodes;

/// <summary>
/// The names ftpmount gives its own short-lived files on the server, all in one family so listings can leave them
/// out and a later mount can recognise them: <c>.ftpmount-&lt;12 hex&gt;.part</c> for an upload in progress,
/// <c>.ftpmount-&lt;12 hex&gt;.old</c> for a file or empty folder moved aside while its replacement is renamed in.
/// </summary>
internal static class TemporaryNames
{
    private const string Prefix = ".ftpmount-";
    private const int HexLength = 12;
    private const string UploadSuffix = ".part";
    private const string AsideSuffix = ".old";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string Upload() => Prefix + RandomHex() + UploadSuffix;

    public static string Aside() => Prefix + RandomHex() + AsideSuffix;

    /// <summary>
    /// An upload in progress (ours, or another ftpmount's). A leftover one is an unfinished copy of something the
    /// spool still holds or that was abandoned: safe to remove.
    /// </summary>
    public static bool IsUpload(string name) => Matches(name, UploadSuffix);

    /// <summary>
    /// A previous version moved aside by <see cref="RenameOver"/>. A leftover one may be the only copy of that
    /// content (the mount stopped before it was moved back or removed): never remove it unseen.
    /// </summary>
    public static bool IsAside(string name) => Matches(name, AsideSuffix);

    /// <summary>
    /// Whether listings leave the name out: a file being saved or replaced is not a file of its own (it would also
    /// show in <c>diff -r</c> or a backup of the mount).
    /// </summary>
    public static bool IsHidden(string name) => IsUpload(name) || IsAside(name);

    /// <summary>
    /// A visible name beside <paramref name="name"/> for its previous version, when the server refuses to put that
    /// back under its own name: never hidden, never removed by ftpmount.
    /// </summary>
    public static string Kept(string name) => name + Prefix + RandomHex() + ".kept";

    private static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(HexLength / 2));

    private static bool Matches(string name, string suffix) =>
        name.Length == Prefix.Length + HexLength + suffix.Length
        && name.StartsWith(Prefix, StringComparison.Ordinal)
        && name.EndsWith(suffix, StringComparison.Ordinal)
        && !name.AsSpan(Prefix.Length, HexLength).ContainsAnyExcept(LowerHex);
}
