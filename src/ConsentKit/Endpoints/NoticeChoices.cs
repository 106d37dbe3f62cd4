using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using static ConsentKit.ConsentProtocol;

namespace ConsentKit;

/// <summary>
/// The visitor's controls on the notice page, one block after each Consent or OptOut module: the current status
/// and plain form buttons that work without JavaScript (this is the opt-out method the page discloses,
/// Ordinance 22-2-31 (iii)). The rest of the page is precomputed, and so is each block, per status: only the
/// antiforgery token, when the site requires one, is written per request.
/// </summary>
internal sealed class NoticeChoices
{
    private readonly ExternalTransmissionFeature? _feature;
    private readonly NoticeChoiceTemplates? _templates;
    private readonly byte[] _token;
    private readonly NoticeLanguage _language;

    private NoticeChoices(string cacheControl, string etag, ExternalTransmissionFeature? feature, NoticeChoiceTemplates? templates, byte[] token, NoticeLanguage language)
    {
        CacheControl = cacheControl;
        ETag = etag;
        _feature = feature;
        _templates = templates;
        _token = token;
        _language = language;
    }

    public string CacheControl { get; }

    public string ETag { get; }

    public static NoticeChoices Prepare(HttpContext context, NoticePage page, FormTokens forms, NoticeChoiceTemplates templates)
    {
        if (page.SlotModules.Length == 0)
        {
            return new NoticeChoices("no-cache", page.ETag, null, null, [], page.Language);
        }

        var feature = context.GetExternalTransmissionInternal();
        var (token, boundCookie) = templates.RequireToken ? forms.For(context) : ("", null);

        // A cached copy stays valid while the statuses (and the antiforgery cookie its token is bound to, when the site
        // requires tokens) are unchanged; on a first visit that is the cookie issued with this response.
        var state = feature.View.Digest + (templates.RequireToken ? boundCookie ?? Guid.NewGuid().ToString() : "");
        var stateHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)), 0, 6).ToLowerInvariant();
        return new NoticeChoices(
            "private, no-cache",
            "\"" + page.ETag.Trim('"')[..12] + "-" + stateHash + "\"",
            feature,
            templates,
            Encoding.UTF8.GetBytes(new HtmlWriter(token.Length + 8).Text(token).ToString()),
            page.Language);
    }

    /// <summary>Adds this module's control block: precomputed bytes around this request's token.</summary>
    public void AddSlot(List<ReadOnlyMemory<byte>> parts, ModuleDescriptor module)
    {
        if (_feature is null)
        {
            return;
        }

        var (before, after) = _templates!.For(module, _feature.StatusOf(module), _feature.GlobalPrivacyControl, _language);
        parts.Add(before);
        parts.Add(_token);
        parts.Add(after);
    }
}

/// <summary>Each module's control block, rendered once per (status, GPC, language) and split around the token.</summary>
internal sealed class NoticeChoiceTemplates
{
    private const string TokenMarker = "\u0000ck-token\u0000";
    private readonly ConsentLinks _links;
    private readonly TransmissionCatalog _catalog;
    private readonly string _tokenField;
    // Blocks are published as references (an array of two arrays), which is atomic: a struct of two references is not.
    private readonly byte[][]?[] _blocks;

    public NoticeChoiceTemplates(TransmissionCatalog catalog, ConsentLinks links, FormTokens forms)
    {
        _links = links;
        _catalog = catalog;
        _tokenField = forms.FieldName;
        RequireToken = catalog.RequireAntiforgeryToken;
        _blocks = new byte[][]?[catalog.Modules.Count * 5 * 2 * 2];
    }

    /// <summary>The site requires antiforgery tokens: each block has a slot for one.</summary>
    public bool RequireToken { get; }

    public (byte[] Before, byte[] After) For(ModuleDescriptor module, TransmissionStatus status, bool gpc, NoticeLanguage language)
    {
        var index = (((module.Index * 5) + (int)status) * 2 + (gpc ? 1 : 0)) * 2 + (int)language;
        var block = Volatile.Read(ref _blocks[index]);
        if (block is null)
        {
            var parts = Render(module, status, gpc, language).Split(TokenMarker);
            block = [Encoding.UTF8.GetBytes(parts[0]), Encoding.UTF8.GetBytes(parts[1])];
            Volatile.Write(ref _blocks[index], block);
        }

        return (block[0], block[1]);
    }

    private string Render(ModuleDescriptor m, TransmissionStatus status, bool gpc, NoticeLanguage language)
    {
        var text = _catalog.Text(language);
        // Return URLs are relative to PathBase; the endpoint adds it back.
        var returnUrl = _links.NoticeReturn(language, m.Id);
        var w = new HtmlWriter(1024);
        w.Raw("<div class=\"ck-choice\" id=\"choice-").Text(m.Id).Raw("\" " + Attributes.Status + "=\"").Raw(StatusName(status)).Raw("\">\n<p><strong>")
         .Text(text.YourChoice).Raw(":</strong> ").Text(Describe(m, status, gpc, text)).Raw("</p>\n");

        // One form per module; its buttons differ only in the action they post.
        w.Raw("<form method=\"post\" action=\"").Text(_links.ChoicesFromNoticePage).Raw("\">");
        // Without a token the marker stands alone and the request adds nothing there.
        w.Raw(RequireToken ? "<input type=\"hidden\" name=\"" + new HtmlWriter(64).Text(_tokenField) + "\" value=\"" + TokenMarker + "\">" : TokenMarker);
        ChoiceForm.WriteModule(w, m.Id);
        ChoiceForm.WriteHidden(w, "", "", Sources.Notice, language, returnUrl, withToken: false);
        if (m.Measure == TransmissionMeasure.Consent)
        {
            if (status == TransmissionStatus.Allowed)
            {
                Button(w, m, ConsentAction.Withdraw, text.WithdrawConsent);
            }
            else
            {
                Button(w, m, ConsentAction.Grant, text.Grant);
                if (status == TransmissionStatus.Pending)
                {
                    Button(w, m, ConsentAction.Deny, text.Deny);
                }
            }
        }
        else if (m.Measure == TransmissionMeasure.OptOut && m.OptOutStops == OptOutScope.Use && status != TransmissionStatus.OptedOut)
        {
            // ConsentKit can only stop what the browser sends; stopping the recipient's use is the recipient's to do.
            w.Raw("</form>\n");
            if (m.OptOutUrl is { } url)
            {
                w.Raw("<p><a class=\"ck-btn\" href=\"").Url(url).Raw("\" rel=\"noopener noreferrer\">")
                 .Text(text.AskRecipientToStop).Raw("</a></p>\n");
            }

            w.Raw("</div>\n");
            return w.ToString();
        }
        else if (status == TransmissionStatus.OptedOut)
        {
            Button(w, m, ConsentAction.OptIn, text.ResumeSending);
        }
        else
        {
            Button(w, m, ConsentAction.OptOut, text.StopSending);
        }

        w.Raw("</form>\n</div>\n");
        return w.ToString();
    }

    private static void Button(HtmlWriter w, ModuleDescriptor m, ConsentAction action, string label) =>
        ChoiceForm.WriteButtonStart(w, action).Raw(" aria-describedby=\"module-").Text(m.Id).Raw("-title\">").Text(label).Raw("</button> ");

    private static string Describe(ModuleDescriptor m, TransmissionStatus status, bool gpc, VisitorText text) => (m.Measure, status) switch
    {
        (TransmissionMeasure.Consent, TransmissionStatus.Allowed) => text.StatusAccepted,
        (TransmissionMeasure.Consent, TransmissionStatus.Denied) => text.StatusDeclined,
        (TransmissionMeasure.Consent, _) => text.StatusNotChosen,
        (_, TransmissionStatus.OptedOut) when gpc => text.StatusStoppedByGpc,
        (_, TransmissionStatus.OptedOut) => text.StatusStopped,
        _ when m.Measure == TransmissionMeasure.OptOut && m.OptOutStops == OptOutScope.Use => text.StatusSentRecipientStops,
        _ => text.StatusSent,
    };
}
