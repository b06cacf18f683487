namespace FtpMount.Dokan.Adapter;

/// <summary>
/// MS-DOS expression matching as FsRtlIsNameInExpression (and DokanIsNameInExpression) do it, ignoring case:
/// <c>*</c> any run of characters; <c>?</c> exactly one; <c>&lt;</c> (DOS_STAR) any run that does not pass the
/// name's last period; <c>&gt;</c> (DOS_QM) one character, or nothing at a period or the end of the name;
/// <c>"</c> (DOS_DOT) a period, or nothing at the end of the name. Win32 rewrites <c>*.*</c>, <c>?</c> and friends
/// into these before the request reaches a file system, so the kernel's pattern is matched literally here.
/// </summary>
public static class DokanWildcard
{
    public static bool IsMatch(string expression, string name)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(name);
        if (expression.Length == 0 || expression == "*")
        {
            return true;
        }

        int p = expression.Length;
        int n = name.Length;

        // matches[ni] for the expression suffix being processed: does expression[pi..] match name[ni..]?
        var next = new bool[n + 1];
        var current = new bool[n + 1];
        next[n] = true;
        for (int pi = p - 1; pi >= 0; pi--)
        {
            char e = expression[pi];
            for (int ni = n; ni >= 0; ni--)
            {
                bool atEnd = ni == n;
                current[ni] = e switch
                {
                    '*' => next[ni] || (!atEnd && current[ni + 1]),
                    '?' => !atEnd && next[ni + 1],
                    '<' => next[ni] || (!atEnd && (name[ni] != '.' || name.IndexOf('.', ni + 1) >= 0) && current[ni + 1]),
                    '>' => atEnd || name[ni] == '.' ? next[ni] : next[ni + 1],
                    '"' => atEnd ? next[ni] : name[ni] == '.' && next[ni + 1],
                    _ => !atEnd && char.ToUpperInvariant(e) == char.ToUpperInvariant(name[ni]) && next[ni + 1],
                };
            }

            (next, current) = (current, next);
        }

        return next[0];
    }
}
