using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static ConsentKit.Components.Tests.ComponentHarness;

namespace ConsentKit.Components.Tests;

/// <summary>
/// A site's own banner as <c>&lt;ConsentBanner&gt;</c>'s child content (the Blazor counterpart of the tag helper's
/// <c>_ConsentBanner</c> partial): it replaces the built-in markup, and its display counts as the notice of the Notice
/// modules only when it shows what the law requires (R14; event 303 otherwise).
/// </summary>
public class BannerOverrideTests : IDisposable
{
    private readonly ComponentHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>A site banner that shows each listed module's recipient, information and purpose, unless told to leave out the purpose.</summary>
    private static RenderFragment<ConsentBannerModel> SiteBanner(bool withPurpose = true, bool withNoticeLink = true) => model => builder =>
    {
        builder.OpenElement(0, "aside");
        builder.AddAttribute(1, "class", "site-banner");
        foreach (var m in model.Modules)
        {
            builder.OpenElement(2, "p");
            builder.AddAttribute(3, "data-module", m.Id);
            builder.AddContent(4, m.Recipient + ": " + string.Join("、", m.Information) + (withPurpose ? " (" + m.OperatorPurpose + ")" : ""));
            builder.CloseElement();
        }

        if (withNoticeLink)
        {
            builder.OpenElement(5, "a");
            builder.AddAttribute(6, "href", model.NoticeUrl);
            builder.AddContent(7, "詳しく");
            builder.CloseElement();
        }

        builder.OpenElement(8, "form");
        builder.AddAttribute(9, "method", "post");
        builder.AddAttribute(10, "action", model.ChoicesUrl);
        if (model.AntiforgeryToken.Length > 0)
        {
            // Only where the site requires tokens (Forms.RequireAntiforgeryToken); by default the endpoint checks the origin.
            builder.OpenElement(11, "input");
            builder.AddAttribute(12, "type", "hidden");
            builder.AddAttribute(13, "name", model.AntiforgeryFieldName);
            builder.AddAttribute(14, "value", model.AntiforgeryToken);
            builder.CloseElement();
        }

        builder.OpenElement(15, "button");
        builder.AddAttribute(16, "name", "action");
        builder.AddAttribute(17, "value", "accept-all");
        builder.AddContent(18, "同意する");
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    private (AngleSharp.Dom.IElement Body, Microsoft.AspNetCore.Http.HttpContext Http) Render(RenderFragment<ConsentBannerModel> template)
    {
        var http = _h.Request();
        var html = _h.Static<ConsentBanner>(http, p => p.Add(c => c.ChildContent, template)).Markup;
        return (Parse(html), http);
    }

    [Fact]
    public void R14_CompleteSiteBannerReplacesTheBuiltInOneAndCountsAsTheNotice()
    {
        var (body, http) = Render(SiteBanner());
        body.QuerySelector("aside.site-banner").Should().NotBeNull();
        body.QuerySelector("#ck-banner").Should().BeNull("the site's banner replaces the built-in markup");
        body.QuerySelectorAll("aside.site-banner p[data-module]").Select(p => p.GetAttribute("data-module")).Should().Contain("video");
        body.QuerySelector("input[name='__RequestVerificationToken']").Should().BeNull("by default the choices endpoint checks the origin, and the first-visit banner carries no per-visitor token");
        var script = body.QuerySelectorAll("script[data-ck-state]").Should().ContainSingle("the component writes ConsentKit's script after the template").Subject;
        script.GetAttribute("data-ck-shown").Should().Be("video", "the Notice module's notice was shown");
        ConsentRenderState.Of(http).BannerShown.Should().BeTrue();
        _h.Logs.Entries.Should().NotContain(e => e.Id.Id == 303);
    }

    [Theory]
    [InlineData(false, true, "the purpose")]
    [InlineData(true, false, "the link to the notice")]
    public void R14_IncompleteSiteBannerIsNotTheNoticeAndIsReported(bool withPurpose, bool withNoticeLink, string missing)
    {
        var (body, http) = Render(SiteBanner(withPurpose, withNoticeLink));
        body.QuerySelector("aside.site-banner").Should().NotBeNull("the site's banner is still shown");
        ConsentRenderState.Of(http).BannerShown.Should().BeFalse("a banner that leaves out a required part does not count as the notice");
        body.QuerySelector("script[data-ck-state]")!.GetAttribute("data-ck-shown").Should().BeEmpty(
            "the client must not treat the Notice modules as shown either");
        _h.Logs.Entries.Should().Contain(e => e.Id.Id == 303 && e.Message.Contains("<ConsentBanner> child content") && e.Message.Contains(missing));
    }

    [Fact]
    public void Site_banner_renders_nothing_when_nothing_is_pending()
    {
        var http = _h.Request(("analytics", RecordedDecision.Granted), ("video", RecordedDecision.NoticeShown));
        _h.Static<ConsentBanner>(http, p => p.Add(c => c.ChildContent, SiteBanner())).Markup.Should().BeEmpty();
        ConsentRenderState.Of(http).BannerShown.Should().BeFalse();
    }

    [Fact]
    public void Site_banner_renders_nothing_interactively()
    {
        _h.CarryOver();
        _h.Interactive<ConsentBanner>(p => p.Add(c => c.ChildContent, SiteBanner())).Markup.Should().BeEmpty();
    }

    [Fact]
    public void Components_inside_the_site_banner_see_the_request()
    {
        RenderFragment<ConsentBannerModel> template = model => builder =>
        {
            builder.AddContent(0, SiteBanner()(model));
            builder.OpenComponent<ExternalTransmissionLink>(1);
            builder.CloseComponent();
        };
        var (body, http) = Render(template);
        body.QuerySelector("a.ck-notice-link")!.GetAttribute("href").Should().Be("/external-transmission");
        ConsentRenderState.Of(http).NoticeLinkRendered.Should().BeTrue("the link inside the template was rendered for this request");
    }

    /// <summary>The banner first, then a gate nested deeper: the banner renders again and must keep its stylesheet.</summary>
    public sealed class BannerThenGate : ComponentBase
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<ConsentBanner>(0);
            builder.CloseComponent();
            builder.OpenComponent<IntegrityListTests.Nest>(1);
            builder.AddComponentParameter(2, nameof(IntegrityListTests.Nest.Depth), 3);
            builder.AddComponentParameter(3, nameof(IntegrityListTests.Nest.ChildContent), (RenderFragment)(b =>
            {
                b.OpenComponent<ConsentGate>(0);
                b.AddComponentParameter(1, nameof(ConsentGate.Module), "analytics");
                b.AddComponentParameter(2, nameof(ConsentGate.ChildContent), (RenderFragment)(c => c.AddMarkupContent(0, "<img src=\"https://collect.example.com/p.gif\" alt=\"\">")));
                b.CloseComponent();
            }));
            builder.CloseComponent();
        }
    }

    [Fact]
    public void Built_in_banner_keeps_its_stylesheet_when_it_renders_again_for_a_later_gate()
    {
        var body = Parse(_h.Static<BannerThenGate>(_h.Request()).Markup);
        body.QuerySelectorAll("link[rel=stylesheet]").Should().ContainSingle("without <ConsentStyles /> the banner brings the stylesheet, once");
        body.QuerySelector("script[data-ck-state]")!.GetAttribute("data-ck-integrity").Should().NotBeNullOrEmpty();
    }
}
