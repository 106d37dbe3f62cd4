using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// ConsentKit's own markup, shared by its tag helpers: the stylesheet link and client script (once per response), the
/// banner, the choice forms, the Consent Mode defaults and the embeddable notice. Resolved from dependency injection
/// by the tag helpers; its members are internal and not for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConsentMarkup
{
    private readonly TransmissionCatalog _catalog;
    private readonly NoticeDocuments _documents;
    private readonly ConsentLinks _links;
    private readonly FormTokens _forms;
    private readonly BoundedCache<string> _consentModeSnippets = new(capacity: 256, lifetime: TimeSpan.FromHours(1));

    internal ConsentMarkup(TransmissionCatalog catalog, NoticeDocuments documents, ConsentLinks links, FormTokens forms)
    {
        _catalog = catalog;
        _documents = documents;
        _links = links;
        _forms = forms;
    }

    internal string? Nonce(HttpContext http) => _catalog.NonceFor(http);

    /// <summary>The stylesheet link once per response: later callers get an empty string.</summary>
    internal string ClaimStylesheet(HttpContext http) =>
        ConsentRenderState.Of(http).TryClaimStylesheet()
            ? new HtmlWriter(160).Raw("<link rel=\"stylesheet\" href=\"").Text(_links.Stylesheet(http.Request)).Raw("\">\n").ToString()
            : "";

    /// <summary>The script tag once per response: later callers get nothing.</summary>
    /// <param name="http">The request.</param>
    /// <param name="feature">The visitor's state.</param>
    /// <param name="noticeShown">The Notice modules whose notice the banner on this page shows.</param>
    internal HtmlString ClaimScript(HttpContext http, ExternalTransmissionFeature feature, IEnumerable<string>? noticeShown = null) =>
        ConsentRenderState.Of(http).TryClaimScript() ? new HtmlString(ScriptTag(http, feature, noticeShown)) : HtmlString.Empty;

    /// <summary>
    /// The client script tag, with the endpoint, the current state for its API, the Notice modules the banner shows and
    /// the integrity list of the inert nodes rendered before it. The script trusts only its own element: markup planted
    /// elsewhere in the page cannot add a module or a node. Inert nodes rendered after this tag stay inert.
    /// </summary>
    internal string ScriptTag(HttpContext http, ExternalTransmissionFeature feature, IEnumerable<string>? noticeShown = null)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in _catalog.Modules)
        {
            state[m.Id] = ConsentProtocol.StatusName(feature.StatusOf(m));
        }

        var w = new HtmlWriter(512);
        w.Raw("<script src=\"").Text(_links.Script(http.Request)).Raw("\" defer ")
         .Raw(ConsentProtocol.Attributes.Choices).Raw("=\"").Text(_links.Choices(http.Request)).Raw("\" ")
         .Raw(ConsentProtocol.Attributes.State).Raw("=\"").Text(JsonSerializer.Serialize(state, ConsentKitJsonContext.Default.DictionaryStringString)).Raw("\" ")
         .Raw(ConsentProtocol.Attributes.Shown).Raw("=\"").Text(string.Join(' ', noticeShown ?? [])).Raw("\" ")
         .Raw(ConsentProtocol.Attributes.Integrity).Raw("=\"").Text(string.Join(' ', ConsentRenderState.Of(http).InertDigests)).Raw("\"");
        if (Nonce(http) is { } nonce)
        {
            w.Raw(" nonce=\"").Text(nonce).Raw("\"");
        }

        w.Raw("></script>\n");
        return w.ToString();
    }

    internal ChoiceForm FormFor(HttpContext http, NoticeLanguage language)
    {
        var (token, _) = _forms.For(http);
        return new ChoiceForm(_links.Choices(http.Request), _forms.FieldName, token, ReturnAddress.ForPage(http.Request), language, _links.Notice(http.Request, language));
    }

    /// <param name="http">The request.</param>
    /// <param name="feature">The visitor's state.</param>
    /// <param name="language">The banner's language.</param>
    /// <param name="ownsScript">The caller wrote the script tag already and writes it again (no claim).</param>
    /// <param name="withoutScript">The caller writes the script itself, after checking the banner: the model's is empty.</param>
    internal ConsentBannerModel BannerModel(HttpContext http, ExternalTransmissionFeature feature, NoticeLanguage language, bool ownsScript = false, bool withoutScript = false)
    {
        var form = FormFor(http, language);
        var shown = new List<ConsentBannerModule>();
        var choosable = new List<ConsentBannerModule>();
        foreach (var m in _catalog.Modules)
        {
            if (m.IsExempt)
            {
                continue;
            }

            var status = feature.StatusOf(m);
            var item = BannerMarkup.Describe(m, status);
            if (status == TransmissionStatus.Pending || (m.Measure == TransmissionMeasure.OptOut && status == TransmissionStatus.Allowed && feature.DecisionOf(m) == RecordedDecision.None))
            {
                shown.Add(item);
            }

            if (m.IsChoosable)
            {
                choosable.Add(item);
            }
        }

        var noticeShown = shown.Where(m => m.Measure == TransmissionMeasure.Notice).Select(m => m.Id).ToList();
        return new ConsentBannerModel
        {
            Language = language,
            Modules = shown,
            Choosable = choosable,
            NoticeUrl = form.NoticeUrl,
            ChoicesUrl = form.Action,
            AntiforgeryFieldName = form.TokenField,
            AntiforgeryToken = form.Token,
            ReturnUrl = form.ReturnUrl,
            StylesheetUrl = _links.Stylesheet(http.Request),
            ScriptUrl = _links.Script(http.Request),
            Nonce = Nonce(http),
            ClientScript = withoutScript ? HtmlString.Empty : ownsScript ? new HtmlString(ScriptTag(http, feature, noticeShown)) : ClaimScript(http, feature, noticeShown),
        };
    }

    /// <summary>The built-in banner; without <c>&lt;consent-styles /&gt;</c> in the head, the stylesheet comes first.</summary>
    internal string Banner(HttpContext http, ConsentBannerModel model) => BannerMarkup.Render(model, ClaimStylesheet(http));

    internal string NoticeFragment(NoticeLanguage language, int headingLevel) => _documents.Fragment(language, headingLevel);

    /// <summary>The Consent Mode defaults script body, or <see langword="null"/> when no module maps to Consent Mode.</summary>
    internal string? ConsentModeDefault(ExternalTransmissionFeature feature, int? waitForUpdate)
    {
        var state = ConsentModeState.Compute(_catalog, feature.StatusOf);
        if (state.Count == 0)
        {
            return null;
        }

        // The snippet depends only on the statuses (the nonce is an attribute), so it is built once per combination.
        var key = string.Join(',', state.Select(p => p.Key + "=" + p.Value[0])) + "|" + waitForUpdate;
        if (!_consentModeSnippets.TryGet(key, out var snippet))
        {
            snippet = ConsentModeState.DefaultSnippet(state, waitForUpdate);
            _consentModeSnippets.Set(key, snippet);
        }

        return snippet;
    }

    /// <summary>The summary sentence of what allowing a module sends, to whom and why (inner HTML of <c>p.ck-summary</c>).</summary>
    internal static string Summary(ModuleDescriptor module, NoticeLanguage language)
    {
        // Always in Japanese; English beside it for a visitor who prefers it, never instead of it.
        // ConsentKit's encoder keeps Japanese readable; MVC's default would write every character as an entity.
        var w = new HtmlWriter(512).Text(
            $"表示すると、{module.RecipientLabel.Ja}に、{string.Join("、", module.InformationJa)}が送信されます。目的: {module.OperatorPurpose.Ja}");
        if (language == NoticeLanguage.English)
        {
            w.Raw(" <span lang=\"en\">").Text(
                $"Showing it sends {string.Join("; ", module.InformationEn)} to {module.RecipientLabel.En}. Why: {module.OperatorPurpose.En}").Raw("</span>");
        }

        return w.ToString();
    }

    /// <summary>The notice link's default text (inner HTML).</summary>
    internal static string NoticeLinkText(NoticeLanguage language)
    {
        // Always in Japanese (Ordinance 22-2-28 (1)(i)); English beside it for a visitor who prefers it.
        var w = new HtmlWriter(128).Text(NoticeRenderer.Title.Ja);
        if (language == NoticeLanguage.English)
        {
            w.Raw(" <span lang=\"en\">/ ").Text(NoticeRenderer.Title.En).Raw("</span>");
        }

        return w.ToString();
    }
}
