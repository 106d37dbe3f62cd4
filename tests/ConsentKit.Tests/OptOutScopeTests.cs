using System.Text;
using AngleSharp.Html.Parser;

namespace ConsentKit.Tests;

/// <summary>
/// The opt-out rows and controls follow what the opt-out actually stops (Ordinance 22-2-31 (i), R27, R28): ConsentKit's
/// own 「送信を停止する」 button only where it stops the transmission; otherwise the recipient's opt-out page.
/// </summary>
public class OptOutScopeTests
{
    private static (TransmissionCatalog Catalog, NoticeChoiceTemplates Templates) Build(OptOutScope stops)
    {
        var h = new TagHelperHarness(adjust: o =>
        {
            var ads = o.Modules.Single(m => m.Id == "ads");
            ads.OptOut!.Stops = stops;
            ads.OptOut.Url = "https://recipient.example.com/optout";
        });
        return (h.Catalog, h.Get<NoticeChoiceTemplates>());
    }

    private static string Controls(OptOutScope stops, TransmissionStatus status)
    {
        var (catalog, templates) = Build(stops);
        var (before, after) = templates.For(catalog.Find("ads")!, status, gpc: false, NoticeLanguage.Japanese);
        return Encoding.UTF8.GetString(before) + "token" + Encoding.UTF8.GetString(after);
    }

    [Fact]
    public void R28_AnOptOutThatStopsTheRecipientsUseLinksToTheRecipientInsteadOfOfferingOurStopButton()
    {
        var doc = new HtmlParser().ParseDocument("<body>" + Controls(OptOutScope.Use, TransmissionStatus.Allowed));
        doc.QuerySelector("button[value=opt-out]").Should().BeNull("ConsentKit cannot stop the recipient's use");
        doc.QuerySelector("a[href='https://recipient.example.com/optout']").Should().NotBeNull();
        doc.Body!.TextContent.Should().Contain("送信先");
    }

    [Fact]
    public void R27_AnOptOutThatStopsTheTransmissionKeepsOurStopButton()
    {
        var doc = new HtmlParser().ParseDocument("<body>" + Controls(OptOutScope.Transmission, TransmissionStatus.Allowed));
        doc.QuerySelector("button[value=opt-out]").Should().NotBeNull();
    }

    [Fact]
    public void R28_TheNoticeRowSaysWhatTheOptOutStops()
    {
        var (catalog, _) = Build(OptOutScope.Use);
        var page = NoticeRenderer.RenderPage(catalog, NoticeLanguage.Japanese, "s.css", "n.json");
        page.Should().Contain("送信先での情報の利用の停止を求めることができます").And.NotContain("このモジュールについて、送信の停止を求めることができます");
    }
}
