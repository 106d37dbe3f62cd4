using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ConsentKit;

/// <summary>Japanese unless the visitor asks for English, by <c>?lang=en</c> or by preferring English over Japanese.</summary>
internal static class LanguageNegotiation
{
    /// <summary>
    /// The language a visitor prefers, for every surface (banner, placeholders, summary, link, notice page): an explicit
    /// <c>language</c> attribute, else <c>?lang=</c>, else <c>Accept-Language</c>. The server's own culture plays no part.
    /// On the banner, placeholders and link, English is offered beside Japanese, never instead of it.
    /// </summary>
    public static NoticeLanguage Preferred(HttpRequest request, string? attribute)
    {
        if (!string.IsNullOrEmpty(attribute))
        {
            return attribute.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? NoticeLanguage.English : NoticeLanguage.Japanese;
        }

        return Select(request);
    }

    public static NoticeLanguage Select(HttpRequest request)
    {
        if (request.Query.TryGetValue("lang", out var lang))
        {
            if (StartsWith(lang, "en"))
            {
                return NoticeLanguage.English;
            }

            if (StartsWith(lang, "ja"))
            {
                return NoticeLanguage.Japanese;
            }
        }

        if (!request.Headers.TryGetValue(HeaderNames.AcceptLanguage, out var header)
            || !StringWithQualityHeaderValue.TryParseList(header, out var values))
        {
            return NoticeLanguage.Japanese;
        }

        double ja = -1, en = -1;
        foreach (var value in values)
        {
            var q = value.Quality ?? 1.0;
            var tag = value.Value.AsSpan();
            if (tag.StartsWith("ja", StringComparison.OrdinalIgnoreCase))
            {
                ja = Math.Max(ja, q);
            }
            else if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                en = Math.Max(en, q);
            }
        }

        return en > 0 && en > ja ? NoticeLanguage.English : NoticeLanguage.Japanese;
    }

    private static bool StartsWith(StringValues values, string prefix) =>
        values.Count > 0 && values[0] is { } v && v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
