using System.Globalization;
using AngleSharp.Html.Parser;
using ConsentKit.TagHelpers;

namespace ConsentKit.Tests;

/// <summary>
/// The first notice is in Japanese (Ordinance 22-2-28 (1)(i)): the banner, the placeholders and the notice link always
/// carry Japanese; English is offered beside it, never instead of it; the server's own culture plays no part.
/// </summary>
public sealed class LanguageTests : IDisposable
{
    private readonly TagHelperHarness _h = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public LanguageTests() =>
        // A container whose locale is English (LANG=en_US.UTF-8), as many are.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");

    public void Dispose() => CultureInfo.CurrentUICulture = _culture;

    private Microsoft.AspNetCore.Mvc.Rendering.ViewContext Visitor(string acceptLanguage)
    {
        var view = _h.Request();
        view.HttpContext.Request.Headers.AcceptLanguage = acceptLanguage;
        return view;
    }

    [Fact]
    public async Task R7_AJapaneseVisitorGetsAJapaneseBannerOnAnEnglishServer()
    {
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(Visitor("ja-JP,ja;q=0.9")), "consent-banner", []);
        var banner = new HtmlParser().ParseDocument("<body>" + html).QuerySelector("#ck-banner")!;
        banner.GetAttribute("lang").Should().Be("ja");
        banner.QuerySelector("button[value=accept-all]")!.TextContent.Should().Be("同意する");
        banner.QuerySelector(".ck-banner-en").Should().BeNull("a Japanese visitor is not shown English");
    }

    [Fact]
    public async Task R7_AnEnglishVisitorGetsJapaneseWithEnglishBesideIt()
    {
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(Visitor("en-US,en;q=0.9")), "consent-banner", []);
        var banner = new HtmlParser().ParseDocument("<body>" + html).QuerySelector("#ck-banner")!;
        banner.GetAttribute("lang").Should().Be("ja");
        banner.QuerySelector(".ck-banner-modules li")!.TextContent.Should().Contain("送信先").And.Contain("目的");
        banner.QuerySelector("button[value=accept-all]")!.TextContent.Should().Contain("同意する").And.Contain("Accept");
        var english = banner.QuerySelector("details.ck-banner-en[lang=en]");
        english.Should().NotBeNull("English is one click away");
        english!.TextContent.Should().Contain("To:").And.Contain("Why:");
    }

    [Fact]
    public async Task R7_AnExplicitEnglishAttributeStillRendersTheJapaneseBanner()
    {
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(Visitor("ja"), h => { h.Language = "en"; }), "consent-banner", []);
        var banner = new HtmlParser().ParseDocument("<body>" + html).QuerySelector("#ck-banner")!;
        banner.GetAttribute("lang").Should().Be("ja");
        banner.TextContent.Should().Contain("同意しない");
    }

    [Theory]
    [InlineData("en-US,en;q=0.9")]
    [InlineData("ja")]
    public async Task R7_PlaceholdersAndTheNoticeLinkAlwaysCarryJapanese(string acceptLanguage)
    {
        var (_, summary) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentSummaryTagHelper>(Visitor(acceptLanguage), h => { h.Module = "video"; }), "consent-summary", []);
        summary.Should().Contain("表示すると");
        var (_, accept) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentAcceptTagHelper>(Visitor(acceptLanguage), h => { h.Module = "analytics"; }), "consent-accept", []);
        accept.Should().Contain("同意して表示する");
        var (_, link) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ExternalTransmissionLinkTagHelper>(Visitor(acceptLanguage)), "external-transmission-link", []);
        link.Should().Contain("利用者情報の外部送信について");
        if (acceptLanguage.StartsWith("en", StringComparison.Ordinal))
        {
            summary.Should().Contain("Showing it sends");
            link.Should().Contain("External transmission of user information");
        }
    }
}

/// <summary>The banner says plainly what 「同意しない」 does not stop.</summary>
public class DeclineWordingTests
{
    [Fact]
    public async Task R14_TheBannerSaysWhichModulesKeepSendingAfterDecline()
    {
        var h = new TagHelperHarness();
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(h.Request()), "consent-banner", []);
        var note = new HtmlParser().ParseDocument("<body>" + html).QuerySelector(".ck-banner-note");
        note.Should().NotBeNull("a notified module keeps sending after 同意しない, and the visitor must be told");
        note!.TextContent.Should().Contain("同意しない").And.Contain("続きます");
    }

    [Fact]
    public async Task R14_WhereTheSiteLetsVisitorsStopNoticeModulesTheBannerListsThemAndSaysNothingContinues()
    {
        var h = new TagHelperHarness(adjust: o => o.LetVisitorsStopNoticeModules = true);
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(h.Request()), "consent-banner", []);
        var doc = new HtmlParser().ParseDocument("<body>" + html);
        doc.QuerySelector(".ck-banner-note").Should().BeNull("同意しない stops the notified module too, so nothing keeps sending");
        var box = doc.QuerySelector("#ck-allow-video");
        box.Should().NotBeNull("the settings panel lists the notified module");
        box!.HasAttribute("checked").Should().BeTrue("the banner is its notice: it is on until the visitor switches it off");
    }

    [Fact]
    public async Task R14_ByDefaultTheSettingsPanelDoesNotOfferToStopANoticeModule()
    {
        var h = new TagHelperHarness();
        var (_, html) = await TagHelperHarness.RunAsync(TagHelperHarness.Make<ConsentBannerTagHelper>(h.Request()), "consent-banner", []);
        new HtmlParser().ParseDocument("<body>" + html).QuerySelector("#ck-allow-video").Should().BeNull();
    }
}
