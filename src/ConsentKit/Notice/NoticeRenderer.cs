using System.Globalization;

namespace ConsentKit;

/// <summary>
/// Renders the notice (公表) from the catalog. Runs once per language at startup time; the output is served
/// from memory. Every declared text passes through <see cref="HtmlWriter.Text(string?)"/>.
/// </summary>
internal static partial class NoticeRenderer
{
    public static readonly Bilingual Title = new("利用者情報の外部送信について", "External transmission of user information");

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>The whole page. <paramref name="stylesheetHref"/> is relative to the page.</summary>
    public static string RenderPage(TransmissionCatalog catalog, NoticeLanguage language, string stylesheetHref, string jsonHref, Action<HtmlWriter, ModuleDescriptor>? moduleSlot = null)
    {
        var ja = language == NoticeLanguage.Japanese;
        var w = new HtmlWriter(16_384);
        w.Raw("<!DOCTYPE html>\n<html lang=\"").Raw(ja ? "ja" : "en").Raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Raw("<title>").Text(Title.In(language)).Raw(" | ").Text(catalog.OperatorName.In(language)).Raw("</title>\n")
         .Raw("<link rel=\"stylesheet\" href=\"").Text(stylesheetHref).Raw("\">\n")
         .Raw("<link rel=\"alternate\" type=\"application/json\" href=\"").Text(jsonHref).Raw("\">\n")
         .Raw("</head>\n<body class=\"ck-page\">\n")
         .Raw("<nav class=\"ck-lang\" aria-label=\"").Raw(ja ? "言語 / Language" : "Language / 言語").Raw("\">")
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
        var h1 = Heading(headingLevel);
        var h2 = Heading(headingLevel + 1);
        var h3 = Heading(headingLevel + 2);
        var sent = catalog.Modules.Where(m => !m.IsExempt).ToList();
        var exempt = catalog.Modules.Where(m => m.IsExempt).ToList();

        w.Raw("<").Raw(h1).Raw(" id=\"ck-notice-title\">").Text(Title.In(language)).Raw("</").Raw(h1).Raw(">\n");
        w.Raw("<p>");
        if (ja)
        {
            w.Text(catalog.OperatorName.Ja).Raw("（以下「当サイト」）のウェブサイトでは、ページを表示したときに、あなたのブラウザから当サイトや他の事業者のサーバーへ、あなたに関する情報が送信されることがあります。")
             .Raw("電気通信事業法 第27条の12 に基づき、送信の仕組み（モジュール）ごとに、送信される情報、送信先の事業者、利用目的をお知らせします。");
        }
        else
        {
            w.Raw("When you view pages of the website of ").Text(catalog.OperatorName, language).Raw(" (\"this site\"), your browser may send information about you to our servers and to other companies. ")
             .Raw("As required by Article 27-12 of Japan's Telecommunications Business Act, this page lists, for each module that does this, what is sent, to whom, and why.");
        }

        w.Raw("</p>\n");
        if (catalog.LastUpdated is { } date)
        {
            w.Raw("<p class=\"ck-updated\">").Raw(ja ? "最終更新日: " : "Last updated: ")
             .Raw("<time datetime=\"").Raw(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Raw("\">")
             .Raw(FormatDate(date, language)).Raw("</time></p>\n");
        }

        if (sent.Count == 0)
        {
            w.Raw("<p>").Raw(ja ? "現在、お知らせが必要な外部送信はありません。" : "There is currently no external transmission that needs a notice.").Raw("</p>\n");
        }
        else
        {
            RenderSummary(w, sent, language, h2);
            w.Raw("<section class=\"ck-modules\" aria-labelledby=\"ck-modules-title\">\n<").Raw(h2).Raw(" id=\"ck-modules-title\">")
             .Raw(ja ? "モジュールごとの詳細" : "Details for each module").Raw("</").Raw(h2).Raw(">\n");
            foreach (var module in sent)
            {
                RenderModule(w, catalog, module, language, h3, moduleSlot);
            }

            w.Raw("</section>\n");
        }

        if (exempt.Count > 0)
        {
            RenderExempt(w, exempt, language, h2, h3);
        }

        RenderGlossary(w, language, h2);
        if (!string.IsNullOrWhiteSpace(catalog.OperatorContact))
        {
            w.Raw("<section class=\"ck-contact\" aria-labelledby=\"ck-contact-title\">\n<").Raw(h2).Raw(" id=\"ck-contact-title\">")
             .Raw(ja ? "お問い合わせ" : "Contact").Raw("</").Raw(h2).Raw(">\n<p>")
             .Raw(ja ? "このページの内容についてのお問い合わせ先: " : "Questions about this page: ");
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

    private static void RenderSummary(HtmlWriter w, List<ModuleDescriptor> sent, NoticeLanguage language, string h2)
    {
        var ja = language == NoticeLanguage.Japanese;
        w.Raw("<section class=\"ck-summary\" aria-labelledby=\"ck-summary-title\">\n<").Raw(h2).Raw(" id=\"ck-summary-title\">")
         .Raw(ja ? "送信先の一覧" : "List of recipients").Raw("</").Raw(h2).Raw(">\n")
         .Raw("<div class=\"ck-table-scroll\"><table class=\"ck-summary-table\">\n<thead><tr>")
         .Raw(ja ? "<th scope=\"col\">名称</th><th scope=\"col\">送信先の事業者</th><th scope=\"col\">送信の条件</th>"
                 : "<th scope=\"col\">Module</th><th scope=\"col\">Recipient</th><th scope=\"col\">When it is sent</th>")
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
        var ja = language == NoticeLanguage.Japanese;
        var measure = m.Measure!.Value;
        w.Raw("<section class=\"ck-module\" id=\"module-").Text(m.Id).Raw("\" aria-labelledby=\"module-").Text(m.Id).Raw("-title\">\n<")
         .Raw(h3).Raw(" id=\"module-").Text(m.Id).Raw("-title\">").Text(m.Name, language).Raw("</").Raw(h3).Raw(">\n")
         .Raw("<table class=\"ck-items\">\n<tbody>\n");

        if (m.Category is { } category)
        {
            Row(w, Terms.Category, language).Text(Terms.Of(category).In(language)).Raw("</td></tr>\n");
        }
        RecipientRow(w, m, language);
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
            Row(w, new Bilingual("送信の停止", "Stopping it"), language)
                .Raw(ja
                    ? "このサイトでは、このモジュールの送信も止められます。このページの「あなたの選択」欄にある「送信を停止する」ボタン、または画面下のお知らせの「同意しない」「設定」から受け付けます。"
                    : "On this site you can stop this module too: use the \"Stop sending\" button under \"Your choice\" on this page, or Decline or Settings in the notice at the bottom of the screen.")
                .Raw("</td></tr>\n");
        }

        if (measure == TransmissionMeasure.OptOut || m.OptOutStops is not null)
        {
            // Ordinance 22-2-31 (i)-(iv); items (v)-(vii) are the rows above.
            // Generated from what the opt-out actually stops (Ordinance 22-2-31 (i)).
            var stopsUse = m.OptOutStops == OptOutScope.Use;
            Row(w, new Bilingual("オプトアウト", "Opt-out"), language)
                .Raw(stopsUse
                    ? (ja ? "このモジュールについて、送信先での情報の利用の停止を求めることができます（情報の送信そのものは続きます）。" : "You can ask the recipient to stop using the information (the information is still sent).")
                    : (ja ? "このモジュールについて、送信の停止を求めることができます。" : "You can ask us to stop this module.")).Raw("</td></tr>\n");
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
                w.Raw(ja ? "送信先のオプトアウトのページで手続きしてください。" : "Use the recipient's opt-out page.");
            }
            else
            {
                w.Raw(ja
                    ? "このページの「あなたの選択」欄にある「送信を停止する」ボタン、または画面下のお知らせの「設定」から受け付けます。"
                    : "Use the \"Stop sending\" button under \"Your choice\" on this page, or \"Settings\" in the notice at the bottom of the screen.");
            }

            if (m.OptOutUrl is { } url)
            {
                w.Raw(" <a href=\"").Url(url).Raw("\" rel=\"noopener noreferrer\">").Raw(ja ? "オプトアウトのページ" : "Opt-out page").Raw("</a>");
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

        PrivacyPolicyRow(w, m, language);
        w.Raw("</tbody>\n</table>\n");
        moduleSlot?.Invoke(w, m);
        w.Raw("</section>\n");
    }

    private static void PrivacyPolicyRow(HtmlWriter w, ModuleDescriptor m, NoticeLanguage language)
    {
        if (m.PrivacyPolicyUrl is { } policy)
        {
            Row(w, Terms.PrivacyPolicy, language).Raw("<a href=\"").Url(policy).Raw("\" rel=\"noopener noreferrer external\">").Text(policy).Raw("</a>")
             .Raw(language == NoticeLanguage.Japanese ? "（補足。上の各項目が正式なお知らせです）" : " (a supplement; the items above are the notice)").Raw("</td></tr>\n");
        }
    }

    private static void RecipientRow(HtmlWriter w, ModuleDescriptor m, NoticeLanguage language)
    {
        Row(w, new Bilingual("送信先の事業者", "Recipient"), language).Text(m.RecipientName, language);
        if (m.RecipientService is { } service)
        {
            w.Raw(language == NoticeLanguage.Japanese ? "（サービス名: " : " (service: ").Text(service, language).Raw(language == NoticeLanguage.Japanese ? "）" : ")");
        }

        w.Raw("</td></tr>\n");
    }

    /// <summary>Plain explanations of the technical words the notice uses (Ordinance 22-2-28 (1)(i), R8).</summary>
    internal static readonly (Bilingual Term, Bilingual Meaning)[] Glossary =
    [
        (new("外部送信", "External transmission"), new(
            "表示しているページの指示で、あなたのブラウザが、あなたに関する情報を当サイトの運営者または別の事業者のサーバーに送ることです。",
            "Your browser sending information about you to the operator of this site or to another company's server, because the page you are viewing tells it to.")),
        (new("モジュール", "Module"), new(
            "ページに組み込まれ、外部送信を行わせる部品です。タグ、埋め込み動画、計測用のプログラムなどがあります。",
            "A part built into a page that makes your browser send information, such as a tag, an embedded video or a measurement program.")),
        (new("タグ", "Tag"), new(
            "ページに書き込まれた短いプログラムで、外部の事業者に情報を送らせるものです。",
            "A short program written into a page that makes your browser send information to an outside company.")),
        (new("Cookie（クッキー）", "Cookie"), new(
            "ウェブサイトがあなたのブラウザに保存する小さなデータです。次に訪れたときに、同じブラウザであることを見分けるために使われます。",
            "A small piece of data a website stores in your browser, used to recognise the same browser on a later visit.")),
        (new("識別子（ID）", "Identifier (ID)"), new(
            "ブラウザや機器を見分けるために割り当てる文字や番号です。",
            "Letters or numbers assigned to tell one browser or device from another.")),
        (new("IPアドレス", "IP address"), new(
            "インターネットに接続した機器に割り当てられる番号です。おおよその地域がわかることがあります。",
            "A number given to a device connected to the internet. It can reveal your approximate area.")),
        (new("オプトアウト", "Opt-out"), new(
            "情報の送信や利用を止めるよう求めることです。",
            "Asking for the sending or the use of information to stop.")),
    ];

    internal static string FormatDate(DateOnly date, NoticeLanguage language) =>
        language == NoticeLanguage.Japanese
            ? $"{date.Year}年{date.Month}月{date.Day}日"
            : $"{EnglishMonths[date.Month - 1]} {date.Day}, {date.Year}";

    private static HtmlWriter Row(HtmlWriter w, Bilingual header, NoticeLanguage language)
    {
        // Terms are lower-case for use inside sentences (validation messages); a table header starts with a capital.
        var text = header.In(language);
        if (language == NoticeLanguage.English && text.Length > 0)
        {
            text = char.ToUpperInvariant(text[0]) + text[1..];
        }

        return w.Raw("<tr><th scope=\"row\">").Text(text).Raw("</th><td>");
    }

    private static string Heading(int level) => "h" + Math.Clamp(level, 1, 6).ToString(CultureInfo.InvariantCulture);
}
