using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>Builds the banner's model and its built-in markup.</summary>
internal static class BannerRenderer
{
    public const string ScriptEmittedKey = "ConsentKit.ScriptEmitted";
    public const string StylesEmittedKey = "ConsentKit.StylesEmitted";

    /// <summary>The stylesheet link once per response: later callers get an empty string.</summary>
    public static string ClaimStylesheet(HttpContext http, ExternalTransmissionFeature feature)
    {
        if (http.Items.ContainsKey(StylesEmittedKey))
        {
            return "";
        }

        http.Items[StylesEmittedKey] = true;
        return new HtmlWriter(160).Raw("<link rel=\"stylesheet\" href=\"")
            .Text(http.Request.PathBase + feature.Runtime.Catalog.NoticePath + "/assets/" + feature.Runtime.Documents.Stylesheet.FileName)
            .Raw("\">\n").ToString();
    }

    public static ConsentBannerModel BuildModel(HttpContext http, ExternalTransmissionFeature feature, NoticeLanguage language)
    {
        var runtime = feature.Runtime;
        var catalog = runtime.Catalog;
        var form = ChoiceFormContext.For(http, catalog, language);
        var shown = new List<ConsentBannerModule>();
        var choosable = new List<ConsentBannerModule>();
        foreach (var m in catalog.Modules)
        {
            if (m.IsExempt)
            {
                continue;
            }

            var status = feature.StatusOf(m);
            var item = Describe(m, status, language);
            if (status == TransmissionStatus.Pending || (m.Measure == TransmissionMeasure.OptOut && status == TransmissionStatus.Allowed && feature.DecisionOf(m) == RecordedDecision.None))
            {
                shown.Add(item);
            }

            if (m.IsChoosable)
            {
                choosable.Add(item);
            }
        }

        var assets = http.Request.PathBase + catalog.NoticePath + "/assets/";
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
            StylesheetUrl = assets + runtime.Documents.Stylesheet.FileName,
            ScriptUrl = assets + runtime.Documents.Script.FileName,
            Nonce = catalog.NonceFor(http),
            ClientScript = ClaimScript(http, feature),
        };
    }

    private static ConsentBannerModule Describe(ModuleDescriptor m, TransmissionStatus status, NoticeLanguage language) => new()
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

    public static string Render(ConsentBannerModel model, ExternalTransmissionFeature feature)
    {
        var ja = model.Language == NoticeLanguage.Japanese;
        var w = new HtmlWriter(8192);
        var noticeShown = string.Join(' ', model.Modules.Where(m => m.Measure == TransmissionMeasure.Notice).Select(m => m.Id));
        // Without <consent-styles /> in the head, the stylesheet comes here, before the banner's markup.
        var http = feature.HttpContext;
        w.Raw(ClaimStylesheet(http, feature));

        // ck-whole: hidden until its last child (ck-banner-end) is parsed, so a banner cut across network chunks is
        // never painted half-built and then grown (a layout shift). CSS only; browsers without :has() show it as it comes.
        w.Raw("<section id=\"ck-banner\" class=\"ck-banner ck-whole\" lang=\"").Raw(ja ? "ja" : "en").Raw("\" aria-labelledby=\"ck-banner-title\"")
         .Raw(" data-ck-shown=\"").Text(noticeShown).Raw("\">\n<div class=\"ck-banner-inner\">\n")
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
        w.Raw("<form id=\"ck-settings\" class=\"ck-settings\" method=\"post\" action=\"").Text(model.ChoicesUrl).Raw("\" data-ck-form=\"settings\" hidden>\n")
         .Raw("<fieldset>\n<legend>").Raw(ja ? "モジュールごとの設定（オンにしたものだけ送信します）" : "Per module (only the ones switched on are sent)").Raw("</legend>\n");
        WriteHidden(w, model, "banner");
        foreach (var m in model.Choosable)
        {
            var inputId = "ck-allow-" + m.Id;
            w.Raw("<input type=\"hidden\" name=\"module\" value=\"").Text(m.Id).Raw("\">\n<div class=\"ck-setting\">")
             .Raw("<input type=\"checkbox\" id=\"").Text(inputId).Raw("\" name=\"allow\" value=\"").Text(m.Id).Raw("\"")
             .Raw(m.Status.IsAllowed() ? " checked" : "").Raw(">")
             .Raw("<label for=\"").Text(inputId).Raw("\"><strong>").Text(m.Name).Raw("</strong> <span class=\"ck-badge\">").Raw(Badge(m.Measure, ja)).Raw("</span><br>")
             .Raw(ja ? "送信先: " : "To: ").Text(m.Recipient).Raw("<br>").Raw(ja ? "目的: " : "Why: ").Text(m.OperatorPurpose)
             .Raw("</label></div>\n");
        }

        w.Raw("</fieldset>\n<button type=\"submit\" class=\"ck-btn\" name=\"action\" value=\"save\">").Raw(ja ? "選択を保存する" : "Save my choices").Raw("</button>\n</form>\n</div>\n");

        // 同意する / 同意しない cover the modules listed above; 設定 opens per-module choices (the notice page without JavaScript).
        w.Raw("<form class=\"ck-banner-actions\" method=\"post\" action=\"").Text(model.ChoicesUrl).Raw("\" data-ck-form=\"banner\">");
        WriteHidden(w, model, "banner");
        foreach (var m in model.Modules)
        {
            w.Raw("<input type=\"hidden\" name=\"module\" value=\"").Text(m.Id).Raw("\">");
        }

        w.Raw("\n<button type=\"submit\" class=\"ck-btn\" name=\"action\" value=\"accept-all\">").Raw(ja ? "同意する" : "Accept").Raw("</button>\n")
         .Raw("<button type=\"submit\" class=\"ck-btn\" name=\"action\" value=\"reject-all\">").Raw(ja ? "同意しない" : "Decline").Raw("</button>\n")
         .Raw("<a class=\"ck-btn\" href=\"").Text(model.NoticeUrl).Raw("#ck-modules-title\" data-ck-settings aria-controls=\"ck-settings\">")
         .Raw(ja ? "設定" : "Settings").Raw("</a>\n</form>\n<span class=\"ck-banner-end\" hidden></span>\n</section>\n");
        w.Raw(model.ClientScript.ToString() ?? "");

        return w.ToString();
    }

    /// <summary>The script tag once per response: later callers get nothing.</summary>
    public static Microsoft.AspNetCore.Html.HtmlString ClaimScript(HttpContext http, ExternalTransmissionFeature feature)
    {
        if (http.Items.ContainsKey(ScriptEmittedKey))
        {
            return Microsoft.AspNetCore.Html.HtmlString.Empty;
        }

        http.Items[ScriptEmittedKey] = true;
        return new Microsoft.AspNetCore.Html.HtmlString(ScriptTag(http, feature));
    }

    /// <summary>The client script tag, with the endpoint and the current state for its API.</summary>
    public static string ScriptTag(HttpContext http, ExternalTransmissionFeature feature)
    {
        var catalog = feature.Runtime.Catalog;
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in catalog.Modules)
        {
            state[m.Id] = NoticeChoices.StatusName(feature.StatusOf(m));
        }

        var w = new HtmlWriter(512);
        w.Raw("<script src=\"").Text(http.Request.PathBase + catalog.NoticePath + "/assets/" + feature.Runtime.Documents.Script.FileName).Raw("\" defer")
         .Raw(" data-ck-choices=\"").Text(http.Request.PathBase + catalog.NoticePath + "/choices").Raw("\"")
         .Raw(" data-ck-state=\"").Text(JsonSerializer.Serialize(state, ConsentKitJsonContext.Default.DictionaryStringString)).Raw("\"");
        if (catalog.NonceFor(http) is { } nonce)
        {
            w.Raw(" nonce=\"").Text(nonce).Raw("\"");
        }

        w.Raw("></script>\n");
        return w.ToString();
    }

    private static void WriteHidden(HtmlWriter w, ConsentBannerModel model, string source) =>
        ChoiceFormContext.WriteHidden(w, model.AntiforgeryFieldName, model.AntiforgeryToken, source, model.Language, model.ReturnUrl);

    private static string Badge(TransmissionMeasure measure, bool ja) => measure switch
    {
        TransmissionMeasure.Consent => ja ? "同意が必要" : "needs your consent",
        TransmissionMeasure.OptOut => ja ? "停止できます" : "you can stop it",
        TransmissionMeasure.Notice => ja ? "お知らせ" : "notice",
        _ => ja ? "公表" : "published",
    };
}
