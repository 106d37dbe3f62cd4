using AngleSharp.Html.Dom;
using Bunit;
using ConsentKit.TagHelpers;
using ConsentKit.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Razor.TagHelpers;
using static ConsentKit.Components.Tests.ComponentHarness;

namespace ConsentKit.Components.Tests;

/// <summary>Static SSR (and prerendering): the components write what the tag helpers write, on the same request.</summary>
public class StaticRenderingTests : IDisposable
{
    private const string Tag = "https://collect.example.com/tag.js";
    private const string Frame = "<iframe src=\"https://collect.example.com/embed\" title=\"video\"></iframe>";
    private readonly ComponentHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string Script(string module, params (string, RecordedDecision)[] decisions) =>
        _h.Static<ConsentScript>(_h.Request(decisions), p => p
            .Add(c => c.Module, module).Add(c => c.Src, Tag).Add(c => c.Async, true).Add(c => c.Type, "module")
            .AddUnmatched("nonce", "abc")).Markup;

    private async Task<string> ScriptTagHelper(string module, params (string, RecordedDecision)[] decisions)
    {
        var helper = TagHelperHarness.Make<ScriptConsentTagHelper>(TagHelperHarness.ViewOf(_h.Request(decisions)), h => h.Module = module);
        TagHelperAttributeList attributes = [new("src", Tag), new("async", null, HtmlAttributeValueStyle.Minimized), new("type", "module"), new("nonce", "abc")];
        return (await TagHelperHarness.RunAsync(helper, "script", attributes)).Html;
    }

    private static Dictionary<string, string> AttributesOf(string html, string selector) =>
        Parse(html).QuerySelector(selector)!.Attributes.ToDictionary(a => a.Name, a => a.Value);

    [Fact]
    public async Task R16_PendingScriptIsInertWithTheTagHelpersAttributes()
    {
        var component = Script("analytics");
        var script = Parse(component).QuerySelector("script")!;
        script.GetAttribute("type").Should().Be("text/plain");
        script.HasAttribute("src").Should().BeFalse("a src would be fetched before consent");
        script.HasAttribute("async").Should().BeFalse();
        script.GetAttribute("data-ck-src").Should().Be(Tag);
        AttributesOf(component, "script").Should().BeEquivalentTo(AttributesOf(await ScriptTagHelper("analytics"), "script"));
    }

    [Fact]
    public async Task Allowed_script_is_written_as_the_tag_helper_writes_it()
    {
        var component = Script("analytics", ("analytics", RecordedDecision.Granted));
        Parse(component).QuerySelector("script")!.GetAttribute("src").Should().Be(Tag);
        AttributesOf(component, "script").Should().BeEquivalentTo(
            AttributesOf(await ScriptTagHelper("analytics", ("analytics", RecordedDecision.Granted)), "script"));
    }

    [Theory]
    [InlineData("analytics", "denied")]
    [InlineData("ads", "optedOut")]
    public void R16_DeclinedScriptIsNotWrittenAtAll(string module, string decision) =>
        Script(module, (module, decision == "denied" ? RecordedDecision.Denied : RecordedDecision.OptedOut)).Should().BeEmpty();

    [Fact]
    public void Inline_script_text_is_written_unencoded()
    {
        var html = _h.Static<ConsentScript>(_h.Request(), p => p
            .Add(c => c.Module, "analytics")
            .Add(c => c.ChildContent, (RenderFragment)(b => b.AddContent(0, "gtag('config', \"G-1\" && 1 < 2);")))).Markup;
        var script = Parse(html).QuerySelector("script")!;
        script.TextContent.Should().Be("gtag('config', \"G-1\" && 1 < 2);", "entities are not decoded inside <script>, so encoded text would break the script");
    }

    private IRenderedComponent<ConsentGate> Gate(params (string, RecordedDecision)[] decisions) =>
        _h.Static<ConsentGate>(_h.Request(decisions), p => p
            .Add(c => c.Module, "analytics")
            .Add(c => c.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, Frame)))
            .Add(c => c.Placeholder, (RenderFragment)(b =>
            {
                b.OpenComponent<ConsentSummary>(0);
                b.AddComponentParameter(1, nameof(ConsentSummary.Module), "analytics");
                b.CloseComponent();
                b.OpenComponent<ConsentAccept>(2);
                b.AddComponentParameter(3, nameof(ConsentAccept.Module), "analytics");
                b.CloseComponent();
            })));

    [Fact]
    public void R16_PendingGateHoldsTheEmbedInATemplateBesideThePlaceholder()
    {
        var body = Parse(Gate().Markup);
        body.QuerySelectorAll("iframe").Should().BeEmpty("markup inside <template> is inert: no element, no request");
        var template = (IHtmlTemplateElement)body.QuerySelector("template[data-ck-module='analytics']")!;
        template.Content.QuerySelector("iframe")!.GetAttribute("src").Should().Be("https://collect.example.com/embed");
        var placeholder = body.QuerySelector(".ck-placeholder[data-ck-placeholder='analytics']")!;
        placeholder.QuerySelector("p.ck-summary")!.TextContent.Should().Contain("Example Analytics Inc.");
        var form = placeholder.QuerySelector("form.ck-accept[data-ck-form='accept'][data-ck-module='analytics']")!;
        form.GetAttribute("action").Should().Be("/external-transmission/choices");
        form.QuerySelectorAll("input[type=hidden]").Select(i => i.GetAttribute("name")).Should().NotContain("__RequestVerificationToken",
            "the endpoint refuses other sites by Sec-Fetch-Site and Origin, so the form carries nothing per visitor");
        form.QuerySelector("input[name='returnUrl']")!.GetAttribute("value").Should().Be("/page");
        form.QuerySelector("button[name='action'][value='grant']")!.TextContent.Should().Be("同意して表示する");
    }

    [Fact]
    public void Allowed_gate_writes_the_markup_and_no_placeholder()
    {
        var body = Parse(Gate(("analytics", RecordedDecision.Granted)).Markup);
        body.QuerySelector("iframe")!.GetAttribute("src").Should().Be("https://collect.example.com/embed");
        body.QuerySelector(".ck-placeholder").Should().BeNull();
        body.QuerySelector("template").Should().BeNull();
    }

    [Fact]
    public void R16_DeniedGateWritesThePlaceholderOnly()
    {
        var body = Parse(Gate(("analytics", RecordedDecision.Denied)).Markup);
        body.QuerySelector("template").Should().BeNull();
        body.QuerySelector("iframe").Should().BeNull();
        body.QuerySelector(".ck-placeholder").Should().NotBeNull();
    }

    [Fact]
    public async Task Accept_form_matches_the_tag_helpers_form()
    {
        var http = _h.Request();
        var component = Parse(_h.Static<ConsentAccept>(http, p => p.Add(c => c.Module, "analytics")).Markup).QuerySelector("form")!;
        var helper = TagHelperHarness.Make<ConsentAcceptTagHelper>(TagHelperHarness.ViewOf(http), h => h.Module = "analytics");
        var tag = Parse((await TagHelperHarness.RunAsync(helper, "consent-accept", [])).Html).QuerySelector("form")!;
        component.Attributes.ToDictionary(a => a.Name, a => a.Value).Should().BeEquivalentTo(tag.Attributes.ToDictionary(a => a.Name, a => a.Value));
        component.QuerySelectorAll("input").Select(i => (i.GetAttribute("name"), i.GetAttribute("value")))
            .Should().Equal(tag.QuerySelectorAll("input").Select(i => (i.GetAttribute("name"), i.GetAttribute("value"))));
    }

    [Fact]
    public void Banner_is_shown_while_a_module_is_pending_and_noted_for_the_response_start_step()
    {
        var http = _h.Request();
        var banner = Parse(_h.Static<ConsentBanner>(http).Markup).QuerySelector("#ck-banner");
        banner.Should().NotBeNull();
        banner!.QuerySelectorAll("form[data-ck-form] button[name='action']").Select(b => b.GetAttribute("value")).Should().Contain(["accept-all", "reject-all"]);
        ConsentRenderState.Of(http).BannerShown.Should().BeTrue();
    }

    [Fact]
    public void Banner_is_empty_when_nothing_is_pending()
    {
        var http = _h.Request(("analytics", RecordedDecision.Granted), ("video", RecordedDecision.NoticeShown));
        _h.Static<ConsentBanner>(http).Markup.Should().BeEmpty();
        ConsentRenderState.Of(http).BannerShown.Should().BeFalse();
    }

    [Fact]
    public void R11_LinkReachesTheNoticeAndIsNotedForTheLinkCheck()
    {
        var http = _h.Request();
        var link = Parse(_h.Static<ExternalTransmissionLink>(http).Markup).QuerySelector("a.ck-notice-link")!;
        link.GetAttribute("href").Should().Be("/external-transmission");
        link.TextContent.Should().Be("利用者情報の外部送信について");
        ConsentRenderState.Of(http).NoticeLinkRendered.Should().BeTrue();
    }

    [Fact]
    public void Styles_mode_default_and_client_script_are_written_once()
    {
        var http = _h.Request();
        Parse(_h.Static<ConsentStyles>(http).Markup).QuerySelector("link[rel=stylesheet]").Should().NotBeNull();
        _h.Static<ConsentStyles>(http).Markup.Should().BeEmpty("the stylesheet is claimed once per response");
        Parse(_h.Static<ConsentClientScript>(http).Markup).QuerySelector("script[data-ck-state]").Should().NotBeNull();
        _h.Static<ConsentClientScript>(http).Markup.Should().BeEmpty();
    }

    [Fact]
    public void ConsentModeDefault_is_the_tag_helpers_snippet()
    {
        using var mapped = new ComponentHarness(adjust: o =>
        {
            o.FindModule("analytics")!.ConsentModeTypes.Add("analytics_storage");
            o.FindModule("ads")!.ConsentModeTypes.Add("ad_storage");
        });
        var http = mapped.Request(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut));
        mapped.Static<ConsentModeDefault>(http).Markup.Should().Be(
            "<script nonce=\"n0nce\">window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}" +
            "gtag(\"consent\",\"default\",{\"analytics_storage\":\"granted\",\"ad_storage\":\"denied\"});</script>");
    }

    [Fact]
    public void Notice_is_embedded()
    {
        var section = Parse(_h.Static<ExternalTransmissionNotice>(_h.Request(), p => p.Add(c => c.HeadingLevel, 3)).Markup).QuerySelector("section.ck-notice")!;
        section.QuerySelector("h3").Should().NotBeNull();
        section.TextContent.Should().Contain("Example Analytics Inc.");
    }

    [Fact]
    public void Undeclared_module_is_left_out_and_logged_in_production()
    {
        Script("nope").Should().BeEmpty();
        _h.Logs.Entries.Should().Contain(e => e.Id.Id == 300 && e.Message.Contains("'nope'"));
    }

    [Fact]
    public void Undeclared_module_is_a_clear_error_in_development()
    {
        using var dev = new ComponentHarness(development: true);
        var render = () => dev.Static<ConsentGate>(dev.Request(), p => p.Add(c => c.Module, "nope"));
        render.Should().Throw<InvalidOperationException>().WithMessage("*module 'nope', which is not declared*");
    }
}
