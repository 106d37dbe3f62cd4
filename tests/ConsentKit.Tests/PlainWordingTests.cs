using AngleSharp.Html.Parser;

namespace ConsentKit.Tests;

/// <summary>The notice speaks plainly (Ordinance 22-2-28 (1)(i), R8): legal terms only in a folded section.</summary>
public class PlainWordingTests
{
    private static AngleSharp.Html.Dom.IHtmlDocument Notice() =>
        new HtmlParser().ParseDocument(NoticeRenderer.RenderPage(new TransmissionCatalog(Declarations.Valid()), NoticeLanguage.Japanese, "s.css", "n.json"));

    [Fact]
    public void R8_TheGlossaryDefinesExternalTransmissionWithTheLawsScope()
    {
        var glossary = Notice().QuerySelector(".ck-glossary")!;
        var definition = glossary.QuerySelectorAll("dt").First(dt => dt.TextContent == "外部送信").NextElementSibling!.TextContent;
        definition.Should().Contain("当サイトの運営者", "Art. 27-12 covers sending to the operator itself as well as to third parties");
    }

    [Fact]
    public void R8_LegalTermsAppearOnlyInTheFoldedLegalSections()
    {
        var doc = Notice();
        foreach (var folded in doc.QuerySelectorAll("details.ck-legal").ToList())
        {
            folded.Remove();
        }

        var visible = doc.Body!.TextContent;
        visible.Should().NotContain("措置").And.NotContain("適用除外");
        doc.QuerySelector(".ck-exempt")!.TextContent.Should().Contain("サービスの提供に必要");
    }
}
