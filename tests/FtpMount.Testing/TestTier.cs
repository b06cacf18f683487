namespace FtpMount.Testing;

/// <summary>
/// Keeps the unit tier honest. <c>scripts/test.sh</c> runs <c>--filter "Category!=Integration"</c> with
/// <c>FTPMOUNT_TEST_TIER=unit</c>; anything that starts a daemon, a mount, the ftpmount binary or a publish then
/// throws, so a test that forgot its <c>[Trait("Category", "Integration")]</c> fails instead of making the fast tier slow.
/// </summary>
public static class TestTier
{
    public const string Variable = "FTPMOUNT_TEST_TIER";

    public static bool IsUnitTier =>
        string.Equals(Environment.GetEnvironmentVariable(Variable), "unit", StringComparison.Ordinal);

    /// <param name="what">What the test is doing, as a verb phrase: "starts an FTP daemon".</param>
    public static void RequireIntegration(string what)
    {
        if (IsUnitTier)
        {
            throw new InvalidOperationException(
                $"This test {what}, which the unit tier ({Variable}=unit) must not do: mark its class [Trait(\"Category\", \"Integration\")].");
        }
    }
}
