using System.Globalization;
using System.Text.RegularExpressions;

namespace ConsentKit;

/// <summary>The text rules the validator and the catalog share: vague terms, Japanese script, host names.</summary>
internal static partial class DeclarationText
{
    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// Finds a catch-all such as 「等」「その他」「など」 or "etc." that makes an item vague. A catch-all closing a list of
    /// concrete examples in brackets, such as 「閲覧履歴（閲覧日時、URLなど）」, is the wording the Commentary accepts.
    /// </summary>
    public static string? FindVagueTerm(string text)
    {
        text = ExampleList().Replace(text, "");
        if (text.Contains("その他", StringComparison.Ordinal))
        {
            return "その他";
        }

        var match = VagueJapanese().Match(text);
        if (match.Success)
        {
            return match.Groups["term"].Value;
        }

        match = VagueEnglish().Match(text);
        return match.Success ? match.Value : null;
    }

    public static bool ContainsJapanese(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u3040' and <= '\u30FF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uFF66' and <= '\uFF9F'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A host as written by a person (<c>https://www.googletagmanager.com/</c>, <c>example.com:8443</c>, <c>お名前.jp</c>,
    /// <c>*.Example.JP</c>) in the form requests and policies use: lower case, ASCII (punycode), no scheme, port or
    /// path. <see langword="null"/> when it is not a host at all.
    /// </summary>
    public static string? NormalizeHost(string? raw)
    {
        var value = raw?.Trim() ?? "";
        if (value.Length == 0)
        {
            return null;
        }

        var wildcard = value.StartsWith("*.", StringComparison.Ordinal);
        if (wildcard)
        {
            value = value[2..];
        }

        if (value.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return null;
            }

            value = uri.IdnHost;
        }
        else
        {
            var end = value.IndexOfAny([':', '/']);
            value = end >= 0 ? value[..end] : value;
        }

        try
        {
            value = Idn.GetAscii(value.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        value = (wildcard ? "*." : "") + value;
        return HostPattern().IsMatch(value) ? value : null;
    }

    public static bool HostMatches(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // "*.example.jp" covers "www.example.jp" (and "*.example.jp" itself, handled above).
        return pattern.StartsWith("*.", StringComparison.Ordinal)
            && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            && !host.StartsWith("*.", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostPattern();

    // Concrete examples in brackets that end with a catch-all: （閲覧日時、URLなど） or (date, URL, etc.).
    [GeneratedRegex(@"[（(][^（）()]*[^（）()\s、,][、,・\s]*(?:など|等|その他|etc\.?)[）)]")]
    private static partial Regex ExampleList();

    // 「等」 or 「など」 closing an item or a phrase; words such as 同等 or 平等 are not catch-alls.
    [GeneratedRegex(@"(?<![同平均上中高初対優劣])(?<term>等|など)(?=$|[、。,.・\s)）のをがはや])")]
    private static partial Regex VagueJapanese();

    [GeneratedRegex(@"\betc\b\.?|\band so on\b|\band the like\b|\bamong others\b", RegexOptions.IgnoreCase)]
    private static partial Regex VagueEnglish();
}
