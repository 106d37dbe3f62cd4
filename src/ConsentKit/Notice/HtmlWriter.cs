using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ConsentKit;

/// <summary>
/// Builds HTML with every declared text encoded for the context it lands in. Japanese stays readable
/// (the encoder allows all of Unicode) while markup characters are always escaped.
/// </summary>
internal sealed class HtmlWriter
{
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _sb;

    public HtmlWriter(int capacity = 4096) => _sb = new StringBuilder(capacity);

    /// <summary>Markup written by ConsentKit itself; never declared text.</summary>
    public HtmlWriter Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    /// <summary>Declared or visitor text, HTML-encoded (also safe inside a quoted attribute).</summary>
    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            // Returns the same instance when nothing needs encoding, which is the common case.
            _sb.Append(Encoder.Encode(text));
        }

        return this;
    }

    /// <summary>
    /// A visitor text in element content (never inside an attribute): escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>,
    /// which is all element content needs, and leaves quotes as written, so ConsentKit's sentences read as they did.
    /// </summary>
    public HtmlWriter Content(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return this;
        }

        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            _sb.Append(text);
            return this;
        }

        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => _sb.Append("&amp;"),
                '<' => _sb.Append("&lt;"),
                '>' => _sb.Append("&gt;"),
                _ => _sb.Append(c),
            };
        }

        return this;
    }

    /// <summary>Writes a text that may fall back from English to Japanese; marks the fallback with lang="ja".</summary>
    public HtmlWriter Text(Bilingual text, NoticeLanguage language)
    {
        if (language == NoticeLanguage.English && text.EnglishMissing && DeclarationText.ContainsJapanese(text.Ja))
        {
            return Raw("<span lang=\"ja\">").Text(text.Ja).Raw("</span>");
        }

        return Text(text.In(language));
    }

    /// <summary>A URL for an href: only http(s) absolute URLs or local paths pass; anything else becomes "#".</summary>
    public HtmlWriter Url(string url)
    {
        var safe = IsSafeUrl(url) ? url : "#";
        return Text(safe);
    }

    public static bool IsSafeUrl(string url) =>
        (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal));

    public override string ToString() => _sb.ToString();
}
