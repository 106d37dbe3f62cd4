using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit;

/// <summary>The pieces every choice form on a page needs: where it posts, its antiforgery token, where it returns.</summary>
internal readonly struct ChoiceFormContext
{
    private ChoiceFormContext(string action, string tokenField, string token, string returnUrl, NoticeLanguage language, string noticeUrl)
    {
        Action = action;
        TokenField = tokenField;
        Token = token;
        ReturnUrl = returnUrl;
        Language = language;
        NoticeUrl = noticeUrl;
    }

    public string Action { get; }
    public string TokenField { get; }
    public string Token { get; }
    public string ReturnUrl { get; }
    public NoticeLanguage Language { get; }
    public string NoticeUrl { get; }

    public static ChoiceFormContext For(HttpContext context, TransmissionCatalog catalog, NoticeLanguage language)
    {
        var forms = context.RequestServices.GetRequiredService<FormTokens>();
        var (token, _) = forms.For(context);
        var pathBase = context.Request.PathBase;
        return new ChoiceFormContext(
            pathBase + catalog.NoticePath + "/choices",
            forms.FieldName,
            token,
            context.Request.Path + context.Request.QueryString,
            language,
            pathBase + catalog.NoticePath + (language == NoticeLanguage.English ? "?lang=en" : ""));
    }

    /// <summary>Writes the hidden fields; the form element and the buttons are the caller's.</summary>
    public void WriteHidden(HtmlWriter w, string source) => WriteHidden(w, TokenField, Token, source, Language, ReturnUrl);

    /// <summary>The hidden fields every choice form posts: antiforgery token, source, language, return URL.</summary>
    public static void WriteHidden(HtmlWriter w, string tokenField, string token, string source, NoticeLanguage language, string returnUrl)
    {
        w.Raw("<input type=\"hidden\" name=\"").Text(tokenField).Raw("\" value=\"").Text(token).Raw("\">")
         .Raw("<input type=\"hidden\" name=\"source\" value=\"").Raw(source).Raw("\">")
         .Raw("<input type=\"hidden\" name=\"lang\" value=\"").Raw(language == NoticeLanguage.English ? "en" : "ja").Raw("\">")
         .Raw("<input type=\"hidden\" name=\"returnUrl\" value=\"").Text(returnUrl).Raw("\">");
    }
}
