using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ConsentKit.TagHelpers;

namespace ConsentKit.Tests;

/// <summary>Script in declared text lands encoded in every context: HTML text, attributes, JSON in script, URLs.</summary>
public class XssTests
{
    private readonly TagHelperHarness _h = new(adjust: o =>
    {
        o.Modules.Clear();
        o.Operator.FirstPartyHosts.Clear();
        Payloads.Hostile(o);
    });

    internal static void AssertInert(IDocument doc, int expectedScripts = 0)
    {
        doc.QuerySelectorAll("img, textarea").Should().BeEmpty("no declared text may open an element");
        doc.QuerySelectorAll("script").Should().HaveCount(expectedScripts);
        doc.All.SelectMany(e => e.Attributes).Should().NotContain(a => a.Name.StartsWith("on"));
        doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Should().NotContain(h => h.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Declarations_with_payloads_are_valid_so_the_encoding_is_what_protects()
    {
        DeclarationValidator.Validate(Payloads.Hostile()).Should().BeEmpty();
    }

    [Fact]
    public async Task Banner_encodes_every_declared_text()
    {
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(_h.Request()), "consent-banner", []);
        var doc = new HtmlParser().ParseDocument("<body>" + html);
        AssertInert(doc, expectedScripts: 1);
        doc.QuerySelector(".ck-banner-modules li")!.TextContent.Should().Contain("名前" + Payloads.Html).And.Contain("当サイトの目的" + Payloads.Html);
        doc.QuerySelector("script")!.GetAttribute("src").Should().StartWith("/external-transmission/assets/consentkit.");
    }

    [Fact]
    public async Task Banner_in_English_encodes_every_declared_text()
    {
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(_h.Request(), h => { h.Language = "en"; }), "consent-banner", []);
        AssertInert(new HtmlParser().ParseDocument("<body>" + html), expectedScripts: 1);
        html.Should().Contain("Our purpose&quot;&gt;&lt;img");
    }

    [Fact]
    public async Task Summary_and_accept_button_encode_declared_text()
    {
        var (_, summary) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentSummaryTagHelper>(_h.Request(), h => { h.Module = "evil"; }), "consent-summary", []);
        var (_, accept) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentAcceptTagHelper>(_h.Request(), h => { h.Module = "evil"; }), "consent-accept", [], "見る");
        var doc = new HtmlParser().ParseDocument("<body>" + summary + accept);
        AssertInert(doc);
        doc.QuerySelector("p.ck-summary")!.TextContent.Should().Contain("送信先" + Payloads.Html);
    }

    [Fact]
    public void ConsentMode_types_are_a_closed_list_so_declared_text_never_reaches_the_script()
    {
        var o = Declarations.Valid();
        o.Modules.First(m => m.Id == "analytics").ConsentModeTypes.Add("</script><script>alert(1)</script>");
        DeclarationValidator.Validate(o).Should().Contain(p => p.ModuleId == "analytics" && p.Problem.Contains("is not one of"));
    }

    [Theory]
    [InlineData("</script><script>alert(1)</script>")]
    [InlineData("<!--<script>")]
    [InlineData("\u2028\"});alert(1);//")]
    public void ConsentMode_json_in_script_cannot_close_the_script(string hostile)
    {
        // Whatever reaches the snippet (today only validated type names do), it cannot end the script element.
        var snippet = ConsentModeState.DefaultSnippet(new Dictionary<string, string> { [hostile] = hostile }, waitForUpdate: 500);
        var doc = new HtmlParser().ParseDocument("<body><script>" + snippet + "</script><p id=after></p>");
        doc.QuerySelectorAll("script").Should().ContainSingle();
        doc.QuerySelector("script")!.TextContent.Should().Be(snippet);
        doc.QuerySelector("#after").Should().NotBeNull();
        snippet.Should().NotContain("<").And.NotContain(">");
    }

    [Fact]
    public async Task Script_tag_state_attribute_is_encoded()
    {
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentScriptTagHelper>(_h.Request()), "consent-script", []);
        var script = new HtmlParser().ParseDocument("<body>" + html).QuerySelector("script")!;
        script.GetAttribute("data-ck-state").Should().Be("{\"evil\":\"pending\",\"evil-optout\":\"allowed\",\"evil-exempt\":\"exempt\"}");
    }
}
