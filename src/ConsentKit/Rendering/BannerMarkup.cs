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
        var noticeShown = string.Join(' ', model.Modules.Where(m => m.Measure == TransmissionMeasure.Notice).Select(m => m.Id));

        // ck-whole: hidden until its last child (ck-banner-end) is parsed, so a banner cut across network chunks is
        // never painted half-built and then grown (a layout shift). CSS only; browsers without :has() show it as it comes.
        w.Raw("<section id=\"ck-banner\" class=\"ck-banner ck-whole\" lang=\"ja\" aria-labelledby=\"ck-banner-title\"")
         .Raw(" ").Raw(Attributes.Shown).Raw("=\"").Text(noticeShown).Raw("\">\n<div class=\"ck-banner-inner\">\n")
         .Raw("<h2 id=\"ck-banner-title\" class=\"ck-banner-title\">").Text(NoticeRenderer.Title.Ja).Raw("</h2>\n<p>")
         .Raw("このサイトでは、ページの表示にあわせて、あなたのブラウザから次の事業者へ情報を送信します。「同意が必要」のものは、「同意する」を選んだときだけ送信します。")
         .Raw("</p>\n");

        // The way to the full notice comes first, so it is visible without scrolling on any screen.
        w.Raw("<p class=\"ck-banner-more\"><a href=\"").Text(model.NoticeUrl).Raw("\">")
         .Raw("送信先の利用目的を含む詳しい内容と、すべての送信先の一覧（利用者情報の外部送信について）")
         .Raw(en ? " <span lang=\"en\">/ Full details and every recipient</span>" : "").Raw("</a></p>\n");
        w.Raw("<ul class=\"ck-banner-modules\">\n");
        foreach (var m in model.Modules)
        {
            w.Raw("<li><strong>").Text(m.Name).Raw("</strong> <span class=\"ck-badge\">").Raw(Badge(m.Measure, ja: true)).Raw("</span><br>")
             .Raw("送信先: ").Text(m.Recipient).Raw("<br>")
             .Raw("送信する情報: ").Text(string.Join("、", m.Information)).Raw("<br>")
             .Raw("目的: ").Text(m.OperatorPurpose).Raw("</li>\n");
        }

        w.Raw("</ul>\n");
        if (en)
        {
            WriteEnglish(w, model);
        }


        // Settings (per module) sit in the scrolling part; the three buttons stay pinned below it.
        w.Raw("<form id=\"ck-settings\" class=\"ck-settings\" method=\"post\" action=\"").Text(model.ChoicesUrl).Raw("\" " + Attributes.Form + "=\"settings\" hidden>\n")
         .Raw("<fieldset>\n<legend>モジュールごとの設定（オンにしたものだけ送信します）").Raw(Beside(en, "Per module (only the ones switched on are sent)")).Raw("</legend>\n");
        WriteHidden(w, model, returnUrlSlot);
        foreach (var m in model.Choosable)
        {
            var inputId = "ck-allow-" + m.Id;
            ChoiceForm.WriteModule(w, m.Id).Raw("\n<div class=\"ck-setting\">")
             .Raw("<input type=\"checkbox\" id=\"").Text(inputId).Raw("\" name=\"" + Fields.Allow + "\" value=\"").Text(m.Id).Raw("\"")
             .Raw(m.Status.IsAllowed() ? " checked" : "").Raw(">")
             .Raw("<label for=\"").Text(inputId).Raw("\"><strong>").Text(m.Name).Raw("</strong> <span class=\"ck-badge\">").Raw(Badge(m.Measure, ja: true)).Raw("</span><br>")
             .Raw("送信先: ").Text(m.Recipient).Raw("<br>目的: ").Text(m.OperatorPurpose)
             .Raw("</label></div>\n");
        }

        ChoiceForm.WriteButtonStart(w.Raw("</fieldset>\n"), ConsentAction.Save).Raw(">選択を保存する").Raw(Beside(en, "Save")).Raw("</button>\n</form>\n</div>\n");

        // Say plainly what 「同意しない」 does not stop: a notified module needs no yes, so it keeps sending.
        var continuing = model.Modules.Where(m => m.Measure == TransmissionMeasure.Notice).ToList();
        if (continuing.Count > 0)
        {
            w.Raw("<p class=\"ck-banner-note\">「同意しない」を選んでも、").Text(string.Join("、", continuing.Select(m => m.Name)))
             .Raw("の送信は続きます。これらは、このお知らせで内容をお伝えしたうえで送信するもので、同意を必要としないためです。");
            if (en)
            {
                w.Raw(" <span lang=\"en\" class=\"ck-en\">Choosing Decline does not stop ").Text(string.Join(", ", continuing.Select(m => m.NameEn)))
                 .Raw(": they need no consent, only this notice.</span>");
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

        ChoiceForm.WriteButtonStart(w.Raw("\n"), ConsentAction.AcceptAll).Raw(">同意する").Raw(Beside(en, "Accept")).Raw("</button>\n");
        ChoiceForm.WriteButtonStart(w, ConsentAction.RejectAll).Raw(">同意しない").Raw(Beside(en, "Decline")).Raw("</button>\n")
         .Raw("<a class=\"ck-btn\" href=\"").Text(model.NoticeUrl).Raw("#ck-modules-title\" " + Attributes.Settings + " aria-controls=\"ck-settings\">")
         .Raw("設定").Raw(Beside(en, "Settings")).Raw("</a>\n</form>\n<span class=\"ck-banner-end\" hidden></span>\n</section>\n");
    }

    private static string Beside(bool en, string english) => en ? " <span lang=\"en\" class=\"ck-en\">" + english + "</span>" : "";

    private static void WriteEnglish(HtmlWriter w, ConsentBannerModel model)
    {
        w.Raw("<details class=\"ck-banner-en\" lang=\"en\"><summary>English</summary>\n<p>")
         .Raw("As you view pages, this site makes your browser send information to the companies below. Items marked \"needs your consent\" are sent only if you choose 同意する (Accept).")
         .Raw("</p>\n<ul>\n");
        foreach (var m in model.Modules)
        {
            w.Raw("<li><strong>").Text(m.NameEn).Raw("</strong> (").Raw(Badge(m.Measure, ja: false)).Raw(")<br>To: ").Text(m.RecipientEn)
             .Raw("<br>Sends: ").Text(string.Join("; ", m.InformationEn)).Raw("<br>Why: ").Text(m.OperatorPurposeEn).Raw("</li>\n");
        }

        w.Raw("</ul>\n</details>\n");
    }

    private static void WriteHidden(HtmlWriter w, ConsentBannerModel model, bool returnUrlSlot) =>
        ChoiceForm.WriteHidden(w, model.AntiforgeryFieldName, model.AntiforgeryToken, Sources.Banner, model.Language,
            returnUrlSlot ? ReturnUrlSlot : model.ReturnUrl, returnUrlSlot: returnUrlSlot);

    private static string Badge(TransmissionMeasure measure, bool ja) => measure switch
    {
        TransmissionMeasure.Consent => ja ? "同意が必要" : "needs your consent",
        TransmissionMeasure.OptOut => ja ? "停止できます" : "you can stop it",
        TransmissionMeasure.Notice => ja ? "お知らせ" : "notice",
        _ => ja ? "公表" : "published",
    };
}
