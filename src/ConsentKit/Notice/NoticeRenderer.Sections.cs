using System.Globalization;

namespace ConsentKit;

/// <summary>The notice's closing sections: exempt transmissions and the glossary.</summary>
internal static partial class NoticeRenderer
{
    private static void RenderExempt(HtmlWriter w, List<ModuleDescriptor> exempt, NoticeLanguage language, string h2, string h3)
    {
        var ja = language == NoticeLanguage.Japanese;
        w.Raw("<section class=\"ck-exempt\" aria-labelledby=\"ck-exempt-title\">\n<").Raw(h2).Raw(" id=\"ck-exempt-title\">")
         .Raw(ja ? "サービスの提供に必要なため、そのまま送信するもの" : "Sent as needed to provide the service").Raw("</").Raw(h2).Raw(">\n<p>")
         .Raw(ja
            ? "次の送信は、このサイトを表示し、使えるようにするために必要な情報を送るもの、または当サイトが発行した番号を当サイトにだけ送るものです。あなたの同意などは必要ありませんが、すべてをお知らせするためにここに記載します。"
            : "The following send only information needed to show and run this site, or a number we issued back to us alone. They need no choice from you; we list them so that you see everything.")
         .Raw("</p>\n<details class=\"ck-legal\"><summary>").Raw(ja ? "法律上の根拠" : "Legal basis").Raw("</summary><p>")
         .Raw(ja
            ? "電気通信事業法 第27条の12 第1号（電気通信役務の提供に必要な情報、電気通信事業法施行規則 第22条の2の30）・第2号（当サイトが発行した識別子を当サイトに送るもの）により、通知・公表・同意・オプトアウトのいずれの措置も必要ありません（適用除外）。"
            : "Telecommunications Business Act Art. 27-12 (i) (information needed to provide the service, Ordinance 22-2-30) and (ii) (an identifier the operator issued, sent back to the operator) exempt them from every measure.")
         .Raw("</p></details>\n");
        foreach (var m in exempt)
        {
            w.Raw("<section class=\"ck-module\" id=\"module-").Text(m.Id).Raw("\" aria-labelledby=\"module-").Text(m.Id).Raw("-title\">\n<")
             .Raw(h3).Raw(" id=\"module-").Text(m.Id).Raw("-title\">").Text(m.Name, language).Raw("</").Raw(h3).Raw(">\n")
             .Raw("<table class=\"ck-items\">\n<tbody>\n");
            var basis = m.Exemption!.Value;
            Row(w, Terms.NeedKind, language).Text(Terms.Of(basis).In(language)).Raw(" <small>").Text(Terms.CitationOf(basis)).Raw("</small></td></tr>\n");
            Row(w, Terms.NeedReason, language).Text(m.ExemptionReason, language).Raw("</td></tr>\n");
            if (m.RecipientName.Ja.Length > 0)
            {
                RecipientRow(w, m, language);
            }

            if (m.Information.Count > 0)
            {
                Row(w, Terms.Information, language).Raw("<ul>");
                foreach (var item in m.Information)
                {
                    w.Raw("<li>").Text(item, language).Raw("</li>");
                }

                w.Raw("</ul></td></tr>\n");
            }

            // Everything declared is shown, purposes included, even where no measure is needed.
            if (m.OperatorPurpose.Ja.Length > 0)
            {
                Row(w, Terms.OperatorPurpose, language).Text(m.OperatorPurpose, language).Raw("</td></tr>\n");
            }

            if (m.RecipientPurpose.Ja.Length > 0)
            {
                Row(w, Terms.RecipientPurpose, language).Text(m.RecipientPurpose, language).Raw("</td></tr>\n");
            }

            PrivacyPolicyRow(w, m, language);
            w.Raw("</tbody>\n</table>\n</section>\n");
        }

        w.Raw("</section>\n");
    }

    private static void RenderGlossary(HtmlWriter w, NoticeLanguage language, string h2)
    {
        var ja = language == NoticeLanguage.Japanese;
        w.Raw("<section class=\"ck-glossary\" aria-labelledby=\"ck-glossary-title\">\n<").Raw(h2).Raw(" id=\"ck-glossary-title\">")
         .Raw(ja ? "用語の説明" : "Glossary").Raw("</").Raw(h2).Raw(">\n<dl>\n");
        foreach (var (term, meaning) in Glossary)
        {
            w.Raw("<dt>").Text(term.In(language)).Raw("</dt><dd>").Text(meaning.In(language)).Raw("</dd>\n");
        }

        w.Raw("</dl>\n</section>\n");
    }
}
