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

    // The built-in banner without its per-page parts, per language and statuses: every first visitor's banner is the same
    // bytes, rendered once. Declarations are frozen at startup, so an entry never goes stale; the cap bounds odd states.
    private readonly BoundedCache<string[]> _bannerTemplates = new(capacity: 256, lifetime: TimeSpan.FromHours(1));

    internal ConsentMarkup(TransmissionCatalog catalog, NoticeDocuments documents, ConsentLinks links, FormTokens forms)
    {
        _catalog = catalog;
        _documents = documents;
        _links = links;
        _forms = forms;
    }

    internal string? Nonce(HttpContext http) => _catalog.NonceFor(http);

    /// <summary>The placeholder button's default label: Japanese, with English beside it for an English reader.</summary>
    internal string AllowAndShowHtml(NoticeLanguage language) =>
        // Declared text only: encoded once per language.
        _allowAndShow[language == NoticeLanguage.English ? 1 : 0] ??=
            HtmlWriter.Encoder.Encode(_catalog.TextJa.AllowAndShow)
            + (language == NoticeLanguage.English ? " <span lang=\"en\">/ " + HtmlWriter.Encoder.Encode(_catalog.TextEn.AllowAndShow) + "</span>" : "");

    private readonly string?[] _allowAndShow = new string?[2];

    /// <summary>The stylesheet link once per response: later callers get an empty string.</summary>
    internal string ClaimStylesheet(HttpContext http) =>
        ConsentRenderState.Of(http).TryClaimStylesheet()
            ? Integrity(new HtmlWriter(240).Raw("<link rel=\"stylesheet\" href=\""), _links.StylesheetLink(http.Request)).Raw(">\n").ToString()
            : "";

    /// <summary>Writes the URL, closes the attribute, and adds <c>integrity</c> when the platform supplied it.</summary>
    private static HtmlWriter Integrity(HtmlWriter w, AssetLink asset)
    {
        w.Text(asset.Url).Raw("\"");
        return asset.Integrity is { } integrity ? w.Raw(" integrity=\"").Text(integrity).Raw("\"") : w;
    }

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
        var w = new HtmlWriter(512);
        Integrity(w.Raw("<script src=\""), _links.ScriptLink(http.Request)).Raw(" defer ")
         .Raw(ConsentProtocol.Attributes.Choices).Raw("=\"").Text(_links.Choices(http.Request)).Raw("\" ")
         .Raw(ConsentProtocol.Attributes.State).Raw("=\"").Text(feature.View.StateJson).Raw("\" ")
         .Raw(ConsentProtocol.Attributes.Shown).Raw("=\"").Text(string.Join(' ', noticeShown ?? [])).Raw("\" ")
         .Raw(ConsentProtocol.Attributes.Integrity).Raw("=\"").Text(string.Join(' ', ConsentRenderState.Of(http).InertDigests)).Raw("\"");
        if (Nonce(http) is { } nonce)
        {
            w.Raw(" nonce=\"").Text(nonce).Raw("\"");
        }

        w.Raw("></script>\n");
        return w.ToString();
    }

    /// <summary>
    /// The pieces of a choice form. Without <see cref="ConsentFormOptions.RequireAntiforgeryToken"/> there is no token
    /// (the endpoint checks where the request comes from instead), so a first visit carries nothing per visitor.
    /// </summary>
    internal ChoiceForm FormFor(HttpContext http, NoticeLanguage language)
    {
        var (field, token) = _catalog.RequireAntiforgeryToken ? (_forms.FieldName, _forms.For(http).Token) : ("", "");
        if (!_catalog.RequireAntiforgeryToken && !http.Response.HasStarted && !http.Response.Headers.ContainsKey("X-Frame-Options"))
        {
            // What antiforgery added with its token, and still needed without one: another site must not frame the
            // choice buttons and trick a click (clickjacking). The same header for every visitor.
            http.Response.Headers.XFrameOptions = "SAMEORIGIN";
        }

        return new ChoiceForm(_links.Choices(http.Request), field, token, ReturnAddress.ForPage(http.Request), language, _links.Notice(http.Request, language));
    }

    /// <param name="http">The request.</param>
    /// <param name="feature">The visitor's state.</param>
    /// <param name="language">The banner's language.</param>
    /// <param name="ownsScript">The caller wrote the script tag already and writes it again (no claim).</param>
    /// <param name="withoutScript">The caller writes the script itself, after checking the banner: the model's is empty.</param>
    internal ConsentBannerModel BannerModel(HttpContext http, ExternalTransmissionFeature feature, NoticeLanguage language, bool ownsScript = false, bool withoutScript = false)
    {
        var form = FormFor(http, language);

        // The lists depend only on the decisions and the signal: computed once per decision vector, shared read-only.
        var view = feature.View;
        var lists = view.Banner ??= BannerListsFor(feature);
        var noticeShown = lists.NoticeShown;
        return new ConsentBannerModel
        {
            Language = language,
            TextJa = _catalog.TextJa,
            TextEn = _catalog.TextEn,
            Modules = lists.Shown,
            Choosable = lists.Choosable,
            Lists = lists,
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

    private BannerLists BannerListsFor(ExternalTransmissionFeature feature)
    {
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

        return new BannerLists(shown.AsReadOnly(), choosable.AsReadOnly(),
            shown.Where(m => m.Measure == TransmissionMeasure.Notice).Select(m => m.Id).ToArray());
    }

    /// <summary>
    /// The built-in banner; without <c>&lt;consent-styles /&gt;</c> in the head, the stylesheet comes first. Returned as
    /// its parts (the shared template's pieces with the page's return address between them), which the response writes in
    /// order: the banner is never copied into one string per request.
    /// </summary>
    internal IHtmlContent Banner(HttpContext http, ConsentBannerModel model)
    {
        var stylesheet = ClaimStylesheet(http);
        if (model.AntiforgeryToken.Length > 0)
        {
            // A token makes the banner this visitor's own: nothing to share.
            return new HtmlString(BannerMarkup.Render(model, stylesheet));
        }

        var key = BannerKey(model);
        if (!_bannerTemplates.TryGet(key, out var template))
        {
            template = BannerMarkup.Template(model);
            _bannerTemplates.Set(key, template);
        }

        var returnUrl = new HtmlString(new HtmlWriter(model.ReturnUrl.Length + 16).Text(model.ReturnUrl).ToString());
        var parts = new HtmlContentBuilder((template.Length * 2) + 2);
        parts.AppendHtml(stylesheet).AppendHtml(template[0]);
        for (var i = 1; i < template.Length; i++)
        {
            parts.AppendHtml(returnUrl).AppendHtml(template[i]);
        }

        return parts.AppendHtml(model.ClientScript);
    }

    /// <summary>The built-in banner as one string (tests and checks).</summary>
    internal string BannerText(HttpContext http, ConsentBannerModel model)
    {
        using var writer = new StringWriter();
        Banner(http, model).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    /// <summary>Everything the banner's template depends on: language, URLs, and each listed module with its status.</summary>
    private static string BannerKey(ConsentBannerModel model) =>
        model.Lists is { } lists
            ? string.Concat(((int)model.Language).ToString(System.Globalization.CultureInfo.InvariantCulture), "|", model.NoticeUrl, "|", model.ChoicesUrl, "|", lists.Key)
            : string.Concat(((int)model.Language).ToString(System.Globalization.CultureInfo.InvariantCulture), "|", model.NoticeUrl, "|", model.ChoicesUrl, "|", ListKey(model.Modules, model.Choosable));

    /// <summary>Each listed module with its status: the part of the template key that depends on the decisions.</summary>
    internal static string ListKey(IReadOnlyList<ConsentBannerModule> shown, IReadOnlyList<ConsentBannerModule> choosable)
    {
        var sb = new System.Text.StringBuilder((shown.Count + choosable.Count) * 12);
        foreach (var m in shown)
        {
            sb.Append(m.Id).Append('=').Append((int)m.Status).Append(',');
        }

        sb.Append('|');
        foreach (var m in choosable)
        {
            sb.Append(m.Id).Append('=').Append((int)m.Status).Append(',');
        }

        return sb.ToString();
    }

    internal string NoticeFragment(NoticeLanguage language, int headingLevel) => _documents.Fragment(language, headingLevel);

    /// <summary>The Consent Mode defaults script body, or <see langword="null"/> when no module maps to Consent Mode.</summary>
    internal string? ConsentModeDefault(ExternalTransmissionFeature feature, int? waitForUpdate) =>
        // The snippet depends only on the statuses (the nonce is an attribute): built once per decision vector.
        feature.View.ConsentModeSnippet(waitForUpdate);

    /// <summary>One pass over the text, so a declared text that happens to contain a slot name is left as written.</summary>
    private static string FillSummary(string text, string recipient, string information, string purpose)
    {
        var result = new System.Text.StringBuilder(text.Length + recipient.Length + information.Length + purpose.Length);
        var i = 0;
        while (i < text.Length)
        {
            var slot = text.AsSpan(i);
            var (name, value) = slot.StartsWith("{recipient}") ? ("{recipient}", recipient)
                : slot.StartsWith("{information}") ? ("{information}", information)
                : slot.StartsWith("{purpose}") ? ("{purpose}", purpose)
                : ("", "");
            if (name.Length == 0)
            {
                result.Append(text[i++]);
                continue;
            }

            result.Append(value);
            i += name.Length;
        }

        return result.ToString();
    }

    /// <summary>The summary sentence of what allowing a module sends, to whom and why (inner HTML of <c>p.ck-summary</c>).</summary>
    internal static string Summary(ModuleDescriptor module, NoticeLanguage language, TransmissionCatalog catalog)
    {
        // It depends only on the declarations (the module belongs to one catalog): built once per module and language.
        ref var known = ref module.SummaryHtml[language == NoticeLanguage.English ? 1 : 0];
        return known ??= ComposeSummary(module, language, catalog);
    }

    private static string ComposeSummary(ModuleDescriptor module, NoticeLanguage language, TransmissionCatalog catalog)
    {
        // Always in Japanese; English beside it for a visitor who prefers it, never instead of it.
        // ConsentKit's encoder keeps Japanese readable; MVC's default would write every character as an entity.
        var w = new HtmlWriter(512).Text(FillSummary(catalog.TextJa.PlaceholderSummary, module.RecipientLabel.Ja, string.Join("、", module.InformationJa), module.OperatorPurpose.Ja));
        if (language == NoticeLanguage.English)
        {
            w.Raw(" <span lang=\"en\">").Text(
                FillSummary(catalog.TextEn.PlaceholderSummary, module.RecipientLabel.En, string.Join("; ", module.InformationEn), module.OperatorPurpose.En)).Raw("</span>");
        }

        return w.ToString();
    }

    /// <summary>The notice link's default text (inner HTML).</summary>
    internal string NoticeLinkText(NoticeLanguage language) => _links.NoticeLinkText(language);
}

/// <summary>The banner's module lists for one decision vector.</summary>
internal sealed record BannerLists(IReadOnlyList<ConsentBannerModule> Shown, IReadOnlyList<ConsentBannerModule> Choosable, string[] NoticeShown)
{
    /// <summary>The template key's module part (<see cref="ConsentMarkup.ListKey"/>).</summary>
    public string Key { get; } = ConsentMarkup.ListKey(Shown, Choosable);
}
