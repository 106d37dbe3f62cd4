using System.Globalization;

namespace ConsentKit;

/// <summary>
/// Renders the notice (公表) from the catalog. Runs once per language at startup time; the output is served
/// from memory. Every declared text passes through <see cref="HtmlWriter.Text(string?)"/>.
/// </summary>
internal static partial class NoticeRenderer
{
    private const string OperatorSlot = "{operator}";

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>The whole page. <paramref name="stylesheetHref"/> is relative to the page.</summary>
    public static string RenderPage(TransmissionCatalog catalog, NoticeLanguage language, string stylesheetHref, string jsonHref, Action<HtmlWriter, ModuleDescriptor>? moduleSlot = null)
    {
        var ja = language == NoticeLanguage.Japanese;
        var t = catalog.Text(language);
        var w = new HtmlWriter(16_384);
        w.Raw("<!DOCTYPE html>\n<html lang=\"").Raw(ja ? "ja" : "en").Raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Raw("<title>").Text(t.NoticeTitle).Raw(" | ").Text(catalog.OperatorName.In(language)).Raw("</title>\n")
         .Raw("<link rel=\"stylesheet\" href=\"").Text(stylesheetHref).Raw("\">\n")
         .Raw("<link rel=\"alternate\" type=\"application/json\" href=\"").Text(jsonHref).Raw("\">\n")
         .Raw("</head>\n<body class=\"ck-page\">\n")
         .Raw("<nav class=\"ck-lang\" aria-label=\"").Text(t.LanguageSwitchLabel).Raw("\">")
         .Raw(ja
            ? "<span aria-current=\"page\">日本語</span> <a href=\"?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"
            : "<a href=\"?lang=ja\" hreflang=\"ja\" lang=\"ja\">日本語</a> <span aria-current=\"page\">English</span>")
         .Raw("</nav>\n<main class=\"ck-notice\">\n");
        RenderContent(w, catalog, language, headingLevel: 1, moduleSlot);
        w.Raw("</main>\n</body>\n</html>\n");
        return w.ToString();
    }

    /// <summary>The notice content, for the page or for embedding in a page the site already has.</summary>
    public static void RenderContent(HtmlWriter w, TransmissionCatalog catalog, NoticeLanguage language, int headingLevel, Action<HtmlWriter, ModuleDescriptor>? moduleSlot = null)
    {
        var ja = language == NoticeLanguage.Japanese;
        var t = catalog.Text(language);
        var h1 = Heading(headingLevel);
        var h2 = Heading(headingLevel + 1);
        var h3 = Heading(headingLevel + 2);
        var sent = catalog.Modules.Where(m => !m.IsExempt).ToList();
        var exempt = catalog.Modules.Where(m => m.IsExempt).ToList();

        w.Raw("<").Raw(h1).Raw(" id=\"ck-notice-title\">").Text(t.NoticeTitle).Raw("</").Raw(h1).Raw(">\n");
        w.Raw("<p>");
        var intro = t.NoticeIntro.Split(OperatorSlot);
        for (var i = 0; i < intro.Length; i++)
        {
            if (i > 0)
            {
                // The Japanese page names the operator in Japanese; the English one falls back to it, marked lang="ja".
                _ = ja ? w.Text(catalog.OperatorName.Ja) : w.Text(catalog.OperatorName, language);
            }

            w.Content(intro[i]);
        }

        w.Raw("</p>\n");
        if (catalog.LastUpdated is { } date)
        {
            w.Raw("<p class=\"ck-updated\">").Content(t.LastUpdated).Raw(": ")
             .Raw("<time datetime=\"").Raw(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Raw("\">")
             .Raw(FormatDate(date, language)).Raw("</time></p>\n");
        }

        if (sent.Count == 0)
        {
            w.Raw("<p>").Content(t.NothingToNotify).Raw("</p>\n");
        }
        else
        {
            RenderSummary(w, sent, language, t, h2);
            w.Raw("<section class=\"ck-modules\" aria-labelledby=\"ck-modules-title\">\n<").Raw(h2).Raw(" id=\"ck-modules-title\">")
             .Content(t.ModuleDetailsHeading).Raw("</").Raw(h2).Raw(">\n");
            foreach (var module in sent)
            {
                RenderModule(w, catalog, module, language, h3, moduleSlot);
            }

            w.Raw("</section>\n");
        }

        if (exempt.Count > 0)
        {
            RenderExempt(w, exempt, language, t, h2, h3);
        }

        RenderGlossary(w, t, h2);
        if (!string.IsNullOrWhiteSpace(catalog.OperatorContact))
        {
            w.Raw("<section class=\"ck-contact\" aria-labelledby=\"ck-contact-title\">\n<").Raw(h2).Raw(" id=\"ck-contact-title\">")
             .Content(t.ContactHeading).Raw("</").Raw(h2).Raw(">\n<p>")
             .Content(t.ContactLead).Raw(": ");
            var contact = catalog.OperatorContact!;
            if (HtmlWriter.IsSafeUrl(contact))
            {
                w.Raw("<a href=\"").Url(contact).Raw("\">").Text(contact).Raw("</a>");
            }
            else
            {
                w.Text(contact);
            }

            w.Raw("</p>\n</section>\n");
        }
    }

    private static void RenderSummary(HtmlWriter w, List<ModuleDescriptor> sent, NoticeLanguage language, VisitorText t, string h2)
    {
        w.Raw("<section class=\"ck-summary\" aria-labelledby=\"ck-summary-title\">\n<").Raw(h2).Raw(" id=\"ck-summary-title\">")
         .Content(t.RecipientListHeading).Raw("</").Raw(h2).Raw(">\n")
         .Raw("<div class=\"ck-table-scroll\"><table class=\"ck-summary-table\">\n<thead><tr>")
         .Raw("<th scope=\"col\">").Content(t.ModuleColumn).Raw("</th><th scope=\"col\">").Content(t.RecipientColumn)
         .Raw("</th><th scope=\"col\">").Content(t.ConditionColumn).Raw("</th>")
         .Raw("</tr></thead>\n<tbody>\n");
        foreach (var m in sent)
        {
            w.Raw("<tr><th scope=\"row\"><a href=\"#module-").Text(m.Id).Raw("\">").Text(m.Name, language).Raw("</a></th><td>")
             .Text(m.RecipientName, language).Raw("</td><td>").Text(Terms.Plain(m.Measure!.Value).In(language)).Raw("</td></tr>\n");
        }

        w.Raw("</tbody>\n</table></div>\n</section>\n");
    }

    private static void RenderModule(HtmlWriter w, TransmissionCatalog catalog, ModuleDescriptor m, NoticeLanguage language, string h3, Action<HtmlWriter, ModuleDescriptor>? moduleSlot)
    {
        var t = catalog.Text(language);
        var measure = m.Measure!.Value;
        w.Raw("<section class=\"ck-module\" id=\"module-").Text(m.Id).Raw("\" aria-labelledby=\"module-").Text(m.Id).Raw("-title\">\n<")
         .Raw(h3).Raw(" id=\"module-").Text(m.Id).Raw("-title\">").Text(m.Name, language).Raw("</").Raw(h3).Raw(">\n")
         .Raw("<table class=\"ck-items\">\n<tbody>\n");

        if (m.Category is { } category)
        {
            Row(w, Terms.Category, language).Text(Terms.Of(category).In(language)).Raw("</td></tr>\n");
        }
        RecipientRow(w, m, language, t);
        Row(w, Terms.Information, language).Raw("<ul>");
        foreach (var item in m.Information)
        {
            w.Raw("<li>").Text(item, language).Raw("</li>");
        }

        w.Raw("</ul></td></tr>\n");
        Row(w, Terms.OperatorPurpose, language).Text(m.OperatorPurpose, language).Raw("</td></tr>\n");
        Row(w, Terms.RecipientPurpose, language).Text(m.RecipientPurpose, language).Raw("</td></tr>\n");
        Row(w, Terms.Condition, language).Raw("<strong>").Text(Terms.Plain(measure).In(language)).Raw("</strong>: ")
         .Text(Terms.Explain(measure).In(language)).Raw("</td></tr>\n");

        if (m.IsStoppableNotice)
        {
            // The site lets visitors stop notified modules too (ExternalTransmissionOptions.LetVisitorsStopNoticeModules).
            Row(w, t.StoppingHeading, language).Content(t.StoppingText).Raw("</td></tr>\n");
        }

        if (measure == TransmissionMeasure.OptOut || m.OptOutStops is not null)
        {
            // Ordinance 22-2-31 (i)-(iv); items (v)-(vii) are the rows above.
            // Generated from what the opt-out actually stops (Ordinance 22-2-31 (i)).
            var stopsUse = m.OptOutStops == OptOutScope.Use;
            Row(w, t.OptOutHeading, language).Content(stopsUse ? t.OptOutStopsUse : t.OptOutStopsTransmission).Raw("</td></tr>\n");
            if (m.OptOutStops is { } stops)
            {
                Row(w, Terms.OptOutStops, language).Text(Terms.Of(stops).In(language)).Raw("</td></tr>\n");
            }

            Row(w, Terms.OptOutMethod, language);
            if (m.OptOutMethod is { } method)
            {
                w.Text(method, language);
            }
            else if (stopsUse)
            {
                w.Content(t.OptOutAtRecipient);
            }
            else
            {
                w.Content(t.OptOutHere);
            }

            if (m.OptOutUrl is { } url)
            {
                w.Raw(" <a href=\"").Url(url).Raw("\" rel=\"noopener noreferrer\">").Content(t.OptOutPageLink).Raw("</a>");
            }

            w.Raw("</td></tr>\n");
            if (m.OptOutLimitations is { } limits)
            {
                Row(w, Terms.OptOutLimitations, language).Text(limits, language).Raw("</td></tr>\n");
            }
        }

        if (m.Hosts.Count > 0)
        {
            Row(w, Terms.Hosts, language).Raw("<ul class=\"ck-hosts\">");
            foreach (var host in m.Hosts)
            {
                w.Raw("<li><code>").Text(host).Raw("</code></li>");
            }

            w.Raw("</ul></td></tr>\n");
        }

        PrivacyPolicyRow(w, m, language, t);
        w.Raw("</tbody>\n</table>\n");
        moduleSlot?.Invoke(w, m);
        w.Raw("</section>\n");
    }

    private static void PrivacyPolicyRow(HtmlWriter w, ModuleDescriptor m, NoticeLanguage language, VisitorText t)
    {
        if (m.PrivacyPolicyUrl is { } policy)
        {
            Row(w, Terms.PrivacyPolicy, language).Raw("<a href=\"").Url(policy).Raw("\" rel=\"noopener noreferrer external\">").Text(policy).Raw("</a>")
             .Raw(Open(language)).Content(t.PrivacyPolicySupplement).Raw(Close(language)).Raw("</td></tr>\n");
        }
    }

    private static void RecipientRow(HtmlWriter w, ModuleDescriptor m, NoticeLanguage language, VisitorText t)
    {
        Row(w, t.RecipientColumn, language).Text(m.RecipientName, language);
        if (m.RecipientService is { } service)
        {
            w.Raw(Open(language)).Content(t.ServiceLabel).Raw(": ").Text(service, language).Raw(Close(language));
        }

        w.Raw("</td></tr>\n");
    }

    internal static string FormatDate(DateOnly date, NoticeLanguage language) =>
        language == NoticeLanguage.Japanese
            ? $"{date.Year}年{date.Month}月{date.Day}日"
            : $"{EnglishMonths[date.Month - 1]} {date.Day}, {date.Year}";

    /// <summary>Brackets around an aside: full-width in Japanese, a space and ASCII brackets in English.</summary>
    private static string Open(NoticeLanguage language) => language == NoticeLanguage.Japanese ? "（" : " (";

    private static string Close(NoticeLanguage language) => language == NoticeLanguage.Japanese ? "）" : ")";

    // Terms are lower-case for use inside sentences (validation messages); a table header starts with a capital.
    private static HtmlWriter Row(HtmlWriter w, Bilingual header, NoticeLanguage language) => Row(w, header.In(language), language);

    private static HtmlWriter Row(HtmlWriter w, string text, NoticeLanguage language)
    {
        if (language == NoticeLanguage.English && text.Length > 0)
        {
            text = char.ToUpperInvariant(text[0]) + text[1..];
        }

        return w.Raw("<tr><th scope=\"row\">").Text(text).Raw("</th><td>");
    }

    private static string Heading(int level) => "h" + Math.Clamp(level, 1, 6).ToString(CultureInfo.InvariantCulture);
}
