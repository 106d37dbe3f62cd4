using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsentKit;

/// <summary>
/// The visitor's controls on the notice page, one block after each Consent or OptOut module: the current status
/// and plain form buttons that work without JavaScript (this is the opt-out method the page discloses,
/// Ordinance 22-2-31 (iii)). The rest of the page is precomputed.
/// </summary>
internal sealed class NoticeChoices
{
    private readonly ExternalTransmissionFeature? _feature;
    private readonly string? _token;
    private readonly string _action;
    private readonly string _returnBase;
    private readonly NoticeLanguage _language;

    private NoticeChoices(string cacheControl, string etag, ExternalTransmissionFeature? feature, string? token, string action, string returnBase, NoticeLanguage language)
    {
        CacheControl = cacheControl;
        ETag = etag;
        _feature = feature;
        _token = token;
        _action = action;
        _returnBase = returnBase;
        _language = language;
    }

    public string CacheControl { get; }

    public string ETag { get; }

    public static NoticeChoices Prepare(HttpContext context, NoticeDocuments documents, NoticePage page)
    {
        if (page.SlotModules.Length == 0)
        {
            return new NoticeChoices("no-cache", page.ETag, null, null, "", "", page.Language);
        }

        var feature = context.GetExternalTransmissionInternal();
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        var cookieName = context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        var existingCookie = cookieName is null ? null : context.Request.Cookies[cookieName];
        var tokens = antiforgery.GetAndStoreTokens(context);

        // A cached copy stays valid while the state and the antiforgery cookie (which its token is bound to) are unchanged.
        var state = new StringBuilder(page.SlotModules.Length + 48);
        foreach (var m in page.SlotModules)
        {
            state.Append((int)feature.StatusOf(m));
        }

        // On a first visit the token is bound to the cookie issued with this response.
        state.Append(feature.GlobalPrivacyControl ? 'g' : '-').Append(existingCookie ?? tokens.CookieToken ?? Guid.NewGuid().ToString());
        var stateHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state.ToString())), 0, 6).ToLowerInvariant();
        var lastSegment = documents.Catalog.NoticePath[(documents.Catalog.NoticePath.LastIndexOf('/') + 1)..];
        var action = (lastSegment.Length == 0 ? "" : lastSegment + "/") + "choices";
        // Return URLs are relative to PathBase; the endpoint adds it back.
        var returnBase = documents.Catalog.NoticePath + (page.Language == NoticeLanguage.English ? "?lang=en" : "");
        return new NoticeChoices("private, no-cache", "\"" + page.ETag.Trim('"')[..12] + "-" + stateHash + "\"", feature, tokens.RequestToken, action, returnBase, page.Language);
    }

    public Task WriteSlotAsync(HttpResponse response, ModuleDescriptor module, CancellationToken cancellationToken)
    {
        if (_feature is null)
        {
            return Task.CompletedTask;
        }

        var html = Render(module, _feature.StatusOf(module));
        return response.WriteAsync(html, cancellationToken);
    }

    private string Render(ModuleDescriptor m, TransmissionStatus status)
    {
        var ja = _language == NoticeLanguage.Japanese;
        var w = new HtmlWriter(1024);
        w.Raw("<div class=\"ck-choice\" id=\"choice-").Text(m.Id).Raw("\" data-consent-status=\"").Raw(StatusName(status)).Raw("\">\n<p><strong>")
         .Raw(ja ? "あなたの選択" : "Your choice").Raw(":</strong> ").Text(Describe(m, status).In(_language)).Raw("</p>\n");

        // One form per module; its buttons differ only in the action they post.
        w.Raw("<form method=\"post\" action=\"").Text(_action).Raw("\">")
         .Raw("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"").Text(_token).Raw("\">")
         .Raw("<input type=\"hidden\" name=\"module\" value=\"").Text(m.Id).Raw("\">")
         .Raw("<input type=\"hidden\" name=\"source\" value=\"notice\">")
         .Raw("<input type=\"hidden\" name=\"lang\" value=\"").Raw(ja ? "ja" : "en").Raw("\">")
         .Raw("<input type=\"hidden\" name=\"returnUrl\" value=\"").Text(_returnBase + "#module-" + m.Id).Raw("\">");
        if (m.Measure == TransmissionMeasure.Consent)
        {
            if (status == TransmissionStatus.Allowed)
            {
                Button(w, m, "withdraw", ja ? "同意を取り消す" : "Withdraw consent");
            }
            else
            {
                Button(w, m, "grant", ja ? "同意する" : "Accept");
                if (status == TransmissionStatus.Pending)
                {
                    Button(w, m, "deny", ja ? "同意しない" : "Decline");
                }
            }
        }
        else if (status == TransmissionStatus.OptedOut)
        {
            Button(w, m, "opt-in", ja ? "送信を再開する" : "Resume sending");
        }
        else
        {
            Button(w, m, "opt-out", ja ? "送信を停止する" : "Stop sending");
        }

        w.Raw("</form>\n");
        w.Raw("</div>\n");
        return w.ToString();
    }

    private static void Button(HtmlWriter w, ModuleDescriptor m, string action, string label) =>
        w.Raw("<button type=\"submit\" class=\"ck-btn\" name=\"action\" value=\"").Raw(action)
         .Raw("\" aria-describedby=\"module-").Text(m.Id).Raw("-title\">").Text(label).Raw("</button> ");

    private Bilingual Describe(ModuleDescriptor m, TransmissionStatus status) => (m.Measure, status) switch
    {
        (TransmissionMeasure.Consent, TransmissionStatus.Allowed) => new("同意しています。送信します。", "You accepted. It is sent."),
        (TransmissionMeasure.Consent, TransmissionStatus.Denied) => new("同意していません。送信しません。", "You declined. It is not sent."),
        (TransmissionMeasure.Consent, _) => new("まだ選んでいません。同意するまで送信しません。", "You have not chosen yet. It is not sent until you accept."),
        (_, TransmissionStatus.OptedOut) when _feature!.GlobalPrivacyControl && !m.IsExempt =>
            new("送信を停止しています（ブラウザの「グローバル・プライバシー・コントロール」の設定、またはあなたの選択による）。", "Stopped, because of your browser's Global Privacy Control setting or your choice."),
        (_, TransmissionStatus.OptedOut) => new("送信を停止しています。", "Stopped. It is not sent."),
        _ => new("送信しています。停止を求めることができます。", "It is sent. You can ask us to stop."),
    };

    internal static string StatusName(TransmissionStatus status) => status switch
    {
        TransmissionStatus.Allowed => "allowed",
        TransmissionStatus.Denied => "denied",
        TransmissionStatus.OptedOut => "optedOut",
        TransmissionStatus.Exempt => "exempt",
        _ => "pending",
    };
}
