using static ConsentKit.ConsentProtocol;

namespace ConsentKit;

/// <summary>The pieces every choice form on a page needs: where it posts, its antiforgery token (empty unless the site requires one), where it returns.</summary>
internal readonly record struct ChoiceForm(string Action, string TokenField, string Token, string ReturnUrl, NoticeLanguage Language, string NoticeUrl)
{
    /// <summary>Writes the hidden fields; the form element and the buttons are the caller's.</summary>
    public void WriteHidden(HtmlWriter w, string source) => WriteHidden(w, TokenField, Token, source, Language, ReturnUrl);

    /// <summary>
    /// The hidden fields every choice form posts: antiforgery token (when there is one), source, language, return URL.
    /// <paramref name="returnUrlSlot"/> writes <paramref name="returnUrl"/> as it is: a marker for markup rendered once
    /// and completed per page.
    /// </summary>
    public static void WriteHidden(HtmlWriter w, string tokenField, string token, string source, NoticeLanguage language, string returnUrl, bool withToken = true, bool returnUrlSlot = false)
    {
        if (withToken && tokenField.Length > 0 && token.Length > 0)
        {
            Hidden(w, tokenField).Text(token).Raw("\">");
        }

        Hidden(w, Fields.Source).Raw(source).Raw("\">");
        Hidden(w, Fields.Language).Raw(LanguageCode(language)).Raw("\">");
        if (returnUrlSlot)
        {
            Hidden(w, Fields.ReturnUrl).Raw(returnUrl).Raw("\">");
        }
        else
        {
            Hidden(w, Fields.ReturnUrl).Text(returnUrl).Raw("\">");
        }
    }

    /// <summary>A hidden module field: <c>&lt;input type="hidden" name="module" value="id"&gt;</c>.</summary>
    public static HtmlWriter WriteModule(HtmlWriter w, string moduleId) => Hidden(w, Fields.Module).Text(moduleId).Raw("\">");

    /// <summary>A submit button posting one action.</summary>
    public static HtmlWriter WriteButtonStart(HtmlWriter w, ConsentAction action) =>
        w.Raw("<button type=\"submit\" class=\"ck-btn\" name=\"").Raw(Fields.Action).Raw("\" value=\"").Raw(ActionName(action)).Raw("\"");

    private static HtmlWriter Hidden(HtmlWriter w, string name) => w.Raw("<input type=\"hidden\" name=\"").Text(name).Raw("\" value=\"");
}
