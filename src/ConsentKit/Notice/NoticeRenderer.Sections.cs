using System.Globalization;

namespace ConsentKit;

/// <summary>The notice's closing sections: exempt transmissions and the glossary.</summary>
internal static partial class NoticeRenderer
{
    private static void RenderExempt(HtmlWriter w, List<ModuleDescriptor> exempt, NoticeLanguage language, VisitorText t, string h2, string h3)
    {
        w.Raw("<section class=\"ck-exempt\" aria-labelledby=\"ck-exempt-title\">\n<").Raw(h2).Raw(" id=\"ck-exempt-title\">")
         .Content(t.ExemptHeading).Raw("</").Raw(h2).Raw(">\n<p>").Content(t.ExemptIntro)
         .Raw("</p>\n<details class=\"ck-legal\"><summary>").Content(t.LegalBasisHeading).Raw("</summary><p>").Content(t.ExemptLegalBasis)
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
                RecipientRow(w, m, language, t);
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

            PrivacyPolicyRow(w, m, language, t);
            w.Raw("</tbody>\n</table>\n</section>\n");
        }

        w.Raw("</section>\n");
    }

    private static void RenderGlossary(HtmlWriter w, VisitorText t, string h2)
    {
        w.Raw("<section class=\"ck-glossary\" aria-labelledby=\"ck-glossary-title\">\n<").Raw(h2).Raw(" id=\"ck-glossary-title\">")
         .Content(t.GlossaryHeading).Raw("</").Raw(h2).Raw(">\n<dl>\n");
        foreach (var (term, meaning) in t.Glossary())
        {
            w.Raw("<dt>").Text(term).Raw("</dt><dd>").Text(meaning).Raw("</dd>\n");
        }

        w.Raw("</dl>\n</section>\n");
    }
}
