namespace ConsentKit;

/// <summary>Cookie name patterns: an exact name, or a prefix ending in '*'.</summary>
internal static class CookiePattern
{
    public static bool Matches(string pattern, string cookieName) =>
        pattern.EndsWith('*')
            ? cookieName.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            : string.Equals(pattern, cookieName, StringComparison.Ordinal);
}
