using static ConsentKit.ConsentProtocol;

namespace ConsentKit;

/// <summary>The built-in banner's markup, from its model. A <c>_ConsentBanner</c> partial in the app replaces it.</summary>
internal static class BannerMarkup
{
    /// <summary>A module as the banner lists it: Japanese texts, with the English ones beside them.</summary>
    public static ConsentBannerModule Describe(ModuleDescriptor m, TransmissionStatus status) => new()
    {
        Id = m.Id,
        Name = m.Name.Ja,
        Recipient = m.RecipientLabel.Ja,
        Information = m.InformationJa,
        OperatorPurpose = m.OperatorPurpose.Ja,
        RecipientPurpose = m.RecipientPurpose.Ja,
        NameEn = m.Name.En,
        RecipientEn = m.RecipientLabel.En,
        InformationEn = m.InformationEn,
        OperatorPurposeEn = m.OperatorPurpose.En,
        Measure = m.Measure!.Value,
        Status = status,
    };

    /// <summary>
    /// The banner is always in Japanese (Ordinance 22-2-28 (1)(i)). For a visitor who prefers English, English is one
    /// click away inside it (a <c>details</c> element) and beside each button label; never instead of the Japanese.
    /// </summary>
    public static string Render(ConsentBannerModel model, string stylesheet)
    {
        // Without <consent-styles /> in the head, the stylesheet comes here, before the banner's markup.
        var w = new HtmlWriter(8192).Raw(stylesheet);
        WriteBody(w, model, returnUrlSlot: false);
        return w.Raw(model.ClientScript.ToString() ?? "").ToString();
    }

    /// <summary>The marker <see cref="Template"/> leaves where each form's return URL goes. Encoded text never holds it.</summary>
    public const string ReturnUrlSlot = "\u0000";

    /// <summary>
    /// The banner without the stylesheet and the client script, split at each form's return URL: the same for every
    /// page and visitor with the same statuses and language, so it is rendered once and completed per page.
    /// </summary>
    public static string[] Template(ConsentBannerModel model)
    {
        var w = new HtmlWriter(8192);
        WriteBody(w, model, returnUrlSlot: true);
        return w.ToString().Split(ReturnUrlSlot);
    }

    private static void WriteBody(HtmlWriter w, ConsentBannerModel model, bool returnUrlSlot)
    {
        var en = model.Language == NoticeLanguage.English;
        var ja = model.TextJa;
        var t = model.TextEn;
        var noticeShown = string.Join(' ', model.Modules.Where(m => m.Measure == TransmissionMeasure.Notice).Select(m => m.Id));

        // ck-whole: hidden until its last child (ck-banner-end) is parsed, so a banner cut across network chunks is
        // never painted half-built and then grown (a layout shift). CSS only; browsers without :has() show it as it comes.
        w.Raw("<section id=\"ck-banner\" class=\"ck-banner ck-whole\" lang=\"ja\" aria-labelledby=\"ck-banner-title\"")
         .Raw(" ").Raw(Attributes.Shown).Raw("=\"").Text(noticeShown).Raw("\">\n<div class=\"ck-banner-inner\">\n")
         .Raw("<h2 id=\"ck-banner-title\" class=\"ck-banner-title\">").Text(ja.BannerTitle).Raw("</h2>\n<p>")
         .Text(ja.BannerIntro)
         .Raw("</p>\n");

        // The way to the full notice comes first, so it is visible without scrolling on any screen.
        w.Raw("<p class=\"ck-banner-more\"><a href=\"").Text(model.NoticeUrl).Raw("\">")
         .Text(ja.BannerMoreLink)
         .Raw(en ? " <span lang=\"en\">/ " + HtmlWriter.Encoder.Encode(t.BannerMoreLink) + "</span>" : "").Raw("</a></p>\n");
        w.Raw("<ul class=\"ck-banner-modules\">\n");
        foreach (var m in model.Modules)
        {
            w.Raw("<li><strong>").Text(m.Name).Raw("</strong> <span class=\"ck-badge\">").Text(ja.Badge(m.Measure)).Raw("</span><br>")
             .Text(ja.RecipientLabel).Raw(": ").Text(m.Recipient).Raw("<br>")
             .Text(ja.InformationLabel).Raw(": ").Text(string.Join("、", m.Information)).Raw("<br>")
             .Text(ja.PurposeLabel).Raw(": ").Text(m.OperatorPurpose).Raw("</li>\n");
        }

        w.Raw("</ul>\n");
        if (en)
        {
            WriteEnglish(w, model, t);
        }


        // Settings (per module) sit in the scrolling part; the three buttons stay pinned below it.
        w.Raw("<form id=\"ck-settings\" class=\"ck-settings\" method=\"post\" action=\"").Text(model.ChoicesUrl).Raw("\" " + Attributes.Form + "=\"settings\" hidden>\n")
         .Raw("<fieldset>\n<legend>").Text(ja.SettingsLegend).Raw(Beside(en, t.SettingsLegend)).Raw("</legend>\n");
        WriteHidden(w, model, returnUrlSlot);
        foreach (var m in model.Choosable)
        {
            var inputId = "ck-allow-" + m.Id;
            ChoiceForm.WriteModule(w, m.Id).Raw("\n<div class=\"ck-setting\">")
             .Raw("<input type=\"checkbox\" id=\"").Text(inputId).Raw("\" name=\"" + Fields.Allow + "\" value=\"").Text(m.Id).Raw("\"")
             .Raw(m.Status.IsAllowed() || (m.Measure == TransmissionMeasure.Notice && m.Status == TransmissionStatus.Pending) ? " checked" : "").Raw(">")
             .Raw("<label for=\"").Text(inputId).Raw("\"><strong>").Text(m.Name).Raw("</strong> <span class=\"ck-badge\">").Text(ja.Badge(m.Measure)).Raw("</span><br>")
             .Text(ja.RecipientLabel).Raw(": ").Text(m.Recipient).Raw("<br>").Text(ja.PurposeLabel).Raw(": ").Text(m.OperatorPurpose)
             .Raw("</label></div>\n");
        }

        ChoiceForm.WriteButtonStart(w.Raw("</fieldset>\n"), ConsentAction.Save).Raw(">").Text(ja.Save).Raw(Beside(en, t.Save)).Raw("</button>\n</form>\n</div>\n");

        // Say plainly what 「同意しない」 does not stop: a notified module needs no yes, so it keeps sending.
        // Where the site lets visitors stop Notice modules, 「同意しない」 stops them too and the settings list them.
        var continuing = model.Modules.Where(m => m.Measure == TransmissionMeasure.Notice && !model.Choosable.Any(c => c.Id == m.Id)).ToList();
        if (continuing.Count > 0)
        {
            w.Raw("<p class=\"ck-banner-note\">").Text(ja.DeclineDoesNotStop.Replace("{modules}", string.Join("、", continuing.Select(m => m.Name)), StringComparison.Ordinal));
            if (en)
            {
                w.Raw(" <span lang=\"en\" class=\"ck-en\">").Text(t.DeclineDoesNotStop.Replace("{modules}", string.Join(", ", continuing.Select(m => m.NameEn)), StringComparison.Ordinal))
                 .Raw("</span>");
            }

            w.Raw("</p>\n");
        }

        // 同意する / 同意しない cover the modules listed above; 設定 opens per-module choices (the notice page without JavaScript).
        w.Raw("<form class=\"ck-banner-actions\" method=\"post\" action=\"").Text(model.ChoicesUrl).Raw("\" " + Attributes.Form + "=\"banner\">");
        WriteHidden(w, model, returnUrlSlot);
        foreach (var m in model.Modules)
        {
            ChoiceForm.WriteModule(w, m.Id);
        }

        ChoiceForm.WriteButtonStart(w.Raw("\n"), ConsentAction.AcceptAll).Raw(">").Text(ja.Accept).Raw(Beside(en, t.Accept)).Raw("</button>\n");
        ChoiceForm.WriteButtonStart(w, ConsentAction.RejectAll).Raw(">").Text(ja.Decline).Raw(Beside(en, t.Decline)).Raw("</button>\n")
         .Raw("<a class=\"ck-btn\" href=\"").Text(model.NoticeUrl).Raw("#ck-modules-title\" " + Attributes.Settings + " aria-controls=\"ck-settings\">")
         .Text(ja.Settings).Raw(Beside(en, t.Settings)).Raw("</a>\n</form>\n<span class=\"ck-banner-end\" hidden></span>\n</section>\n");
    }

    private static string Beside(bool en, string english) => en ? " <span lang=\"en\" class=\"ck-en\">" + HtmlWriter.Encoder.Encode(english) + "</span>" : "";

    private static void WriteEnglish(HtmlWriter w, ConsentBannerModel model, VisitorText t)
    {
        w.Raw("<details class=\"ck-banner-en\" lang=\"en\"><summary>English</summary>\n<p>")
         .Text(t.BannerIntro)
         .Raw("</p>\n<ul>\n");
        foreach (var m in model.Modules)
        {
            w.Raw("<li><strong>").Text(m.NameEn).Raw("</strong> (").Text(t.Badge(m.Measure)).Raw(")<br>").Text(t.RecipientLabel).Raw(": ").Text(m.RecipientEn)
             .Raw("<br>").Text(t.InformationLabel).Raw(": ").Text(string.Join("; ", m.InformationEn)).Raw("<br>").Text(t.PurposeLabel).Raw(": ").Text(m.OperatorPurposeEn).Raw("</li>\n");
        }

        w.Raw("</ul>\n</details>\n");
    }

    private static void WriteHidden(HtmlWriter w, ConsentBannerModel model, bool returnUrlSlot) =>
        ChoiceForm.WriteHidden(w, model.AntiforgeryFieldName, model.AntiforgeryToken, Sources.Banner, model.Language,
            returnUrlSlot ? ReturnUrlSlot : model.ReturnUrl, returnUrlSlot: returnUrlSlot);
}
