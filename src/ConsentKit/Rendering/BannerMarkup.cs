using static ConsentKit.ConsentProtocol;

namespace ConsentKit;

/// <summary>The built-in banner's markup, from its model. A <c>_ConsentBanner</c> partial in the app replaces it.</summary>
internal static class BannerMarkup
{
    public static ConsentBannerModule Describe(ModuleDescriptor m, TransmissionStatus status, NoticeLanguage language) => new()
    {
        Id = m.Id,
        Name = m.Name.In(language),
        Recipient = m.RecipientLabel.In(language),
        Information = m.InformationIn(language),
        OperatorPurpose = m.OperatorPurpose.In(language),
        RecipientPurpose = m.RecipientPurpose.In(language),
        Measure = m.Measure!.Value,
        Status = status,
    };

    public static string Render(ConsentBannerModel model, string stylesheet)
    {
        var ja = model.Language == NoticeLanguage.Japanese;
        var w = new HtmlWriter(8192);
        var noticeShown = string.Join(' ', model.Modules.Where(m => m.Measure == TransmissionMeasure.Notice).Select(m => m.Id));
        // Without <consent-styles /> in the head, the stylesheet comes here, before the banner's markup.
        w.Raw(stylesheet);

        // ck-whole: hidden until its last child (ck-banner-end) is parsed, so a banner cut across network chunks is
        // never painted half-built and then grown (a layout shift). CSS only; browsers without :has() show it as it comes.
        w.Raw("<section id=\"ck-banner\" class=\"ck-banner ck-whole\" lang=\"").Raw(ja ? "ja" : "en").Raw("\" aria-labelledby=\"ck-banner-title\"")
         .Raw(" ").Raw(Attributes.Shown).Raw("=\"").Text(noticeShown).Raw("\">\n<div class=\"ck-banner-inner\">\n")
         .Raw("<h2 id=\"ck-banner-title\" class=\"ck-banner-title\">").Text(NoticeRenderer.Title.In(model.Language)).Raw("</h2>\n<p>")
         .Raw(ja
            ? "このサイトでは、ページの表示にあわせて、あなたのブラウザから次の事業者へ情報を送信します。「同意が必要」のものは、「同意する」を選んだときだけ送信します。"
            : "As you view pages, this site makes your browser send information to the companies below. Items marked \"needs your consent\" are sent only if you choose \"Accept\".")
         .Raw("</p>\n<ul class=\"ck-banner-modules\">\n");

        foreach (var m in model.Modules)
        {
            w.Raw("<li><strong>").Text(m.Name).Raw("</strong> <span class=\"ck-badge\">").Raw(Badge(m.Measure, ja)).Raw("</span><br>")
             .Raw(ja ? "送信先: " : "To: ").Text(m.Recipient).Raw("<br>")
             .Raw(ja ? "送信する情報: " : "Sends: ").Text(string.Join(ja ? "、" : "; ", m.Information)).Raw("<br>")
             .Raw(ja ? "目的: " : "Why: ").Text(m.OperatorPurpose).Raw("</li>\n");
        }

        w.Raw("</ul>\n<p class=\"ck-banner-more\"><a href=\"").Text(model.NoticeUrl).Raw("\">")
         .Raw(ja ? "送信先の利用目的を含む詳しい内容と、すべての送信先の一覧（利用者情報の外部送信について）" : "Full details, including each recipient's purpose, and every recipient (External transmission of user information)")
         .Raw("</a></p>\n");

        // Settings (per module) sit in the scrolling part; the three buttons stay pinned below it.
        w.Raw("<form id=\"ck-settings\" class=\"ck-settings\" method=\"post\" action=\"").Text(model.ChoicesUrl).Raw("\" " + Attributes.Form + "=\"settings\" hidden>\n")
         .Raw("<fieldset>\n<legend>").Raw(ja ? "モジュールごとの設定（オンにしたものだけ送信します）" : "Per module (only the ones switched on are sent)").Raw("</legend>\n");
        WriteHidden(w, model);
        foreach (var m in model.Choosable)
        {
            var inputId = "ck-allow-" + m.Id;
            ChoiceForm.WriteModule(w, m.Id).Raw("\n<div class=\"ck-setting\">")
             .Raw("<input type=\"checkbox\" id=\"").Text(inputId).Raw("\" name=\"" + Fields.Allow + "\" value=\"").Text(m.Id).Raw("\"")
             .Raw(m.Status.IsAllowed() ? " checked" : "").Raw(">")
             .Raw("<label for=\"").Text(inputId).Raw("\"><strong>").Text(m.Name).Raw("</strong> <span class=\"ck-badge\">").Raw(Badge(m.Measure, ja)).Raw("</span><br>")
             .Raw(ja ? "送信先: " : "To: ").Text(m.Recipient).Raw("<br>").Raw(ja ? "目的: " : "Why: ").Text(m.OperatorPurpose)
             .Raw("</label></div>\n");
        }

        ChoiceForm.WriteButtonStart(w.Raw("</fieldset>\n"), ConsentAction.Save).Raw(">").Raw(ja ? "選択を保存する" : "Save my choices").Raw("</button>\n</form>\n</div>\n");

        // 同意する / 同意しない cover the modules listed above; 設定 opens per-module choices (the notice page without JavaScript).
        w.Raw("<form class=\"ck-banner-actions\" method=\"post\" action=\"").Text(model.ChoicesUrl).Raw("\" " + Attributes.Form + "=\"banner\">");
        WriteHidden(w, model);
        foreach (var m in model.Modules)
        {
            ChoiceForm.WriteModule(w, m.Id);
        }

        ChoiceForm.WriteButtonStart(w.Raw("\n"), ConsentAction.AcceptAll).Raw(">").Raw(ja ? "同意する" : "Accept").Raw("</button>\n");
        ChoiceForm.WriteButtonStart(w, ConsentAction.RejectAll).Raw(">").Raw(ja ? "同意しない" : "Decline").Raw("</button>\n")
         .Raw("<a class=\"ck-btn\" href=\"").Text(model.NoticeUrl).Raw("#ck-modules-title\" " + Attributes.Settings + " aria-controls=\"ck-settings\">")
         .Raw(ja ? "設定" : "Settings").Raw("</a>\n</form>\n<span class=\"ck-banner-end\" hidden></span>\n</section>\n");
        w.Raw(model.ClientScript.ToString() ?? "");

        return w.ToString();
    }

    private static void WriteHidden(HtmlWriter w, ConsentBannerModel model) =>
        ChoiceForm.WriteHidden(w, model.AntiforgeryFieldName, model.AntiforgeryToken, Sources.Banner, model.Language, model.ReturnUrl);

    private static string Badge(TransmissionMeasure measure, bool ja) => measure switch
    {
        TransmissionMeasure.Consent => ja ? "同意が必要" : "needs your consent",
        TransmissionMeasure.OptOut => ja ? "停止できます" : "you can stop it",
        TransmissionMeasure.Notice => ja ? "お知らせ" : "notice",
        _ => ja ? "公表" : "published",
    };
}
