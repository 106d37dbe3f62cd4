using AngleSharp.Html.Parser;
using ConsentKit.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.Tests;

public class GateTagHelperTests
{
    private readonly TagHelperHarness _h = new();

    private static TagHelperAttributeList ScriptAttributes() =>
    [
        new("src", "https://collect.example.com/tag.js"),
        new("async", null, HtmlAttributeValueStyle.Minimized),
        new("nonce", "abc"),
        new("type", "module"),
    ];

    private async Task<(TagHelperOutput Output, string Html)> Script(string module, params (string, RecordedDecision)[] decisions)
    {
        var helper = TagHelperHarness.Make<ScriptConsentTagHelper>(_h.Request(decisions), h => { h.Module = module; });
        return await TagHelperHarness.RunAsync(helper, "script", ScriptAttributes(), "console.log(1)");
    }

    [Fact]
    public async Task Script_allowed_is_emitted_exactly_as_written()
    {
        var (_, html) = await Script("analytics", ("analytics", RecordedDecision.Granted));
        html.Should().Be("<script src=\"https://collect.example.com/tag.js\" async nonce=\"abc\" type=\"module\">console.log(1)</script>");
    }

    [Fact]
    public async Task Script_exempt_and_publication_are_emitted_as_written()
    {
        (await Script("captcha")).Html.Should().StartWith("<script src=");
        (await Script("fonts")).Html.Should().StartWith("<script src=");
    }

    [Fact]
    public async Task R16_ScriptPendingIsInertAndMakesNoRequest()
    {
        var (_, html) = await Script("analytics");
        var script = new HtmlParser().ParseDocument("<body>" + html).QuerySelector("script")!;
        script.GetAttribute("type").Should().Be("text/plain");
        script.HasAttribute("src").Should().BeFalse("a src would be fetched by some agents");
        script.GetAttribute("data-ck-src").Should().Be("https://collect.example.com/tag.js");
        script.GetAttribute("data-ck-type").Should().Be("module");
        script.GetAttribute("data-ck-module").Should().Be("analytics");
        script.HasAttribute("async").Should().BeFalse("a data block may not carry async (HTML §4.12.1; the Nu checker reports it)");
        script.HasAttribute("data-ck-async").Should().BeTrue("kept for activation");
        script.GetAttribute("nonce").Should().Be("abc");
        script.TextContent.Should().Be("console.log(1)");
    }

    [Theory]
    [InlineData("analytics", "denied")]
    [InlineData("ads", "optedOut")]
    public async Task Script_denied_or_opted_out_emits_nothing_at_all(string module, string decision)
    {
        var (output, html) = await Script(module, (module, decision == "denied" ? RecordedDecision.Denied : RecordedDecision.OptedOut));
        html.Should().BeEmpty();
        output.IsContentModified.Should().BeTrue();
    }

    [Fact]
    public async Task Undeclared_module_is_left_out_in_production()
    {
        var (_, html) = await Script("nope");
        html.Should().BeEmpty();
    }

    [Fact]
    public async Task Undeclared_module_is_a_clear_error_in_development()
    {
        var dev = new TagHelperHarness(development: true);
        var helper = TagHelperHarness.Make<ScriptConsentTagHelper>(dev.Request(), h => { h.Module = "nope"; });
        var run = () => TagHelperHarness.RunAsync(helper, "script", ScriptAttributes());
        (await run.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*module 'nope', which is not declared*");
    }

    private async Task<string> Gate(string module, bool placeholder, params (string, RecordedDecision)[] decisions)
    {
        var view = _h.Request(decisions);
        var context = new TagHelperContext("consent-gate", [new("module", module)], new Dictionary<object, object>(), "g");
        var gate = TagHelperHarness.Make<ConsentGateTagHelper>(view, h => { h.Module = module; });
        gate.Init(context);
        var output = new TagHelperOutput("consent-gate", [new("module", module)], async (_, _) =>
        {
            var content = new DefaultTagHelperContent();
            content.AppendHtml("<iframe src=\"https://video.example.com/embed/1\"></iframe>");
            if (placeholder)
            {
                var inner = new TagHelperOutput("consent-placeholder", [], (_, _) =>
                    Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().SetHtmlContent("<p>Show video</p>")));
                await new ConsentPlaceholderTagHelper().ProcessAsync(context, inner);
                content.AppendHtml(inner);
            }

            return content;
        });
        await gate.ProcessAsync(context, output);
        using var writer = new StringWriter();
        output.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public async Task Gate_allowed_emits_the_markup_without_the_placeholder()
    {
        (await Gate("video", placeholder: true, ("video", RecordedDecision.NoticeShown)))
            .Should().Be("<iframe src=\"https://video.example.com/embed/1\"></iframe>");
    }

    [Fact]
    public async Task Gate_pending_wraps_the_markup_in_an_inert_template_and_shows_the_placeholder()
    {
        var html = await Gate("analytics", placeholder: true);
        var doc = new HtmlParser().ParseDocument("<body>" + html);
        var template = (AngleSharp.Html.Dom.IHtmlTemplateElement)doc.QuerySelector("template[data-ck-module=analytics]")!;
        template.Content.QuerySelector("iframe")!.GetAttribute("src").Should().Be("https://video.example.com/embed/1");
        doc.Body!.QuerySelectorAll("iframe").Should().BeEmpty("template content is not part of the document");
        doc.QuerySelector(".ck-placeholder[data-ck-placeholder=analytics]")!.TextContent.Should().Be("Show video");
    }

    [Fact]
    public async Task Gate_denied_emits_only_the_placeholder()
    {
        var html = await Gate("analytics", placeholder: true, ("analytics", RecordedDecision.Denied));
        html.Should().NotContain("iframe").And.NotContain("template").And.Contain("Show video");
        (await Gate("analytics", placeholder: false, ("analytics", RecordedDecision.Denied))).Should().BeEmpty();
        (await Gate("ads", placeholder: false, ("ads", RecordedDecision.OptedOut))).Should().BeEmpty();
    }

    [Fact]
    public async Task Banner_is_zero_bytes_for_a_visitor_who_has_decided_everything()
    {
        var view = _h.Request(("analytics", RecordedDecision.Denied), ("video", RecordedDecision.NoticeShown));
        var (output, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(view), "consent-banner", []);
        html.Should().BeEmpty();
        output.Content.IsModified.Should().BeFalse();
    }

    [Fact]
    public async Task R14_R15_R22_BannerShowsWhatToWhomAndWhyAndLinksToTheFullNotice()
    {
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(_h.Request()), "consent-banner", []);
        var doc = new HtmlParser().ParseDocument("<body>" + html);
        var banner = doc.QuerySelector("section#ck-banner")!;
        banner.GetAttribute("aria-labelledby").Should().Be("ck-banner-title");
        var items = banner.QuerySelectorAll(".ck-banner-modules li").Select(li => li.TextContent).ToList();
        items.Should().HaveCount(3, "analytics and video are pending; ads is an undecided opt-out");
        items[0].Should().Contain("アクセス解析").And.Contain("Example Analytics Inc.").And.Contain("閲覧したページのURL").And.Contain("記事の閲覧数を集計するため");
        banner.QuerySelector("a[href='/external-transmission']")!.TextContent.Should().Contain("詳しい内容");
        banner.QuerySelectorAll(".ck-banner-actions .ck-btn").Select(b => b.TextContent).Should().Equal("同意する", "同意しない", "設定");
        banner.QuerySelectorAll("#ck-settings input[type=checkbox]:checked").Select(i => i.GetAttribute("value")).Should().Equal(["ads"], "R23: no consent box is pre-ticked");
        doc.QuerySelector("script[src*='/external-transmission/assets/consentkit.']")!.GetAttribute("nonce").Should().Be("n0nce");
    }

    [Fact]
    public async Task ConsentModeDefault_carries_the_visitors_actual_state_and_the_nonce()
    {
        var mapped = new TagHelperHarness(adjust: o =>
        {
            o.FindModule("analytics")!.ConsentModeTypes.Add("analytics_storage");
            o.FindModule("ads")!.ConsentModeTypes.Add("ad_storage");
        });
        var (_, html) = await TagHelperHarness.RunAsync(
            TagHelperHarness.Make<ConsentModeDefaultTagHelper>(mapped.Request(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut))),
            "consent-mode-default", []);
        html.Should().Be("<script nonce=\"n0nce\">window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}" +
            "gtag(\"consent\",\"default\",{\"analytics_storage\":\"granted\",\"ad_storage\":\"denied\"});</script>");
    }
}
