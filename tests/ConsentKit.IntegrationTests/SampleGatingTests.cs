using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsentKit.IntegrationTests;

/// <summary>The flagship's pages as a browser without JavaScript receives them, before and after each choice.</summary>
public class SampleGatingTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private static readonly string[] ConsentHosts =
        ["googletagmanager.com", "google-analytics.com", "connect.facebook.net", "facebook.com/tr", "youtube-nocookie.com"];

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<IDocument> PageAsync(HttpClient client, string path = "/articles/harbor-festival") =>
        await (await client.GetAsync(path)).HtmlAsync();

    /// <summary>Elements that would make the browser send on their own: runnable scripts, iframes, images outside templates.</summary>
    private static List<string> Requesting(IDocument doc) =>
        doc.QuerySelectorAll("script[src], iframe[src], img[src]")
            .Where(e => !(e.LocalName == "script" && e.GetAttribute("type") == "text/plain"))
            .Select(e => e.GetAttribute("src")!)
            .Concat(doc.QuerySelectorAll("noscript").Select(n => n.InnerHtml))
            .ToList();

    private static async Task<HttpResponseMessage> ChooseAsync(HttpClient client, IDocument page, string action, string formSelector = "form.ck-banner-actions")
    {
        var form = page.QuerySelector(formSelector)!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        fields.Add(new("action", action));
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task R14_R16_FirstVisitHasTheBannerAndNoConsentModuleInRunnableForm()
    {
        var doc = await PageAsync(Client());
        doc.QuerySelector("#ck-banner").Should().NotBeNull();
        doc.QuerySelector("#ck-banner.ck-whole > .ck-banner-end:last-child").Should().NotBeNull("the banner is shown whole, never half-built");
        var requesting = Requesting(doc);
        foreach (var host in ConsentHosts)
        {
            requesting.Should().NotContain(src => src.Contains(host), $"{host} belongs to a Consent module the visitor has not allowed");
        }

        doc.QuerySelectorAll("script[type='text/plain'][data-ck-module=google-analytics]").Should().HaveCount(2);
        doc.QuerySelector("template[data-ck-module=youtube]").Should().NotBeNull();
        doc.QuerySelector("template[data-ck-module=meta-pixel]").Should().NotBeNull();
        doc.QuerySelector(".ck-placeholder[data-ck-placeholder=youtube] form button")!.TextContent.Should().Be("同意して動画を表示する");
        requesting.Should().Contain(src => src.Contains("b.st-hatena.com"), "a Publication module is sent");
        requesting.Should().Contain(src => src.Contains("www.google.com/recaptcha"), "an exempt module is sent");
        requesting.Should().Contain(src => src.Contains("line-scdn.net"), "an OptOut module is sent until the visitor opts out");
    }

    [Fact]
    public async Task AcceptWithoutJavaScriptMakesTheScriptsRunnableOnTheNextPageAndTheBannerGoesToZeroBytes()
    {
        var client = Client();
        var first = await PageAsync(client);
        var response = await ChooseAsync(client, first, "accept-all");
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.Should().Be("/articles/harbor-festival");

        var html = await (await client.GetAsync("/articles/harbor-festival")).Content.ReadAsStringAsync();
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        doc.QuerySelectorAll("[data-ck-module]").Should().BeEmpty();
        Requesting(doc).Should().Contain(src => src.Contains("googletagmanager.com/gtag/js"));
        doc.QuerySelector("iframe[src*='youtube-nocookie.com']").Should().NotBeNull();
        doc.QuerySelector("noscript")!.InnerHtml.Should().Contain("facebook.com/tr");

        // Budget: a returning visitor who has decided everything gets zero banner bytes.
        html.Should().NotContain("ck-banner").And.NotContain("consentkit.").And.NotContain("__RequestVerificationToken");
        doc.QuerySelectorAll("script:not([src])").First(s => s.TextContent.Contains("\"default\"")).TextContent.Should().Contain("\"analytics_storage\":\"granted\"");
    }

    [Fact]
    public async Task DeclineMakesConsentModulesVanishFromTheHtml()
    {
        var client = Client();
        await ChooseAsync(client, await PageAsync(client), "reject-all");
        var html = await (await client.GetAsync("/articles/harbor-festival")).Content.ReadAsStringAsync();

        foreach (var host in ConsentHosts.Append("line-scdn.net"))
        {
            html.Should().NotContain(host);
        }

        html.Should().NotContain("data-ck-module=\"google-analytics\"").And.NotContain("ck-banner");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        doc.QuerySelector(".ck-placeholder[data-ck-placeholder=youtube]").Should().NotBeNull("the visitor can still choose to see the video");
        doc.QuerySelectorAll("script:not([src])").First(s => s.TextContent.Contains("\"default\"")).TextContent.Should().Contain("\"ad_storage\":\"denied\"");
    }

    [Fact]
    public async Task R14_NoticeModuleIsActiveFromTheNextPageAfterTheBannerShowedIt()
    {
        var client = Client();
        var first = await PageAsync(client);
        first.QuerySelector("script[data-ck-module=x-embed]")!.GetAttribute("type").Should().Be("text/plain");
        first.QuerySelector("#ck-banner")!.GetAttribute("data-ck-shown").Should().Be("x-embed");

        var second = await PageAsync(client);
        second.QuerySelector("script[src='https://platform.twitter.com/widgets.js']").Should().NotBeNull();
        second.QuerySelector("#ck-banner").Should().NotBeNull("consent is still pending");
        second.QuerySelectorAll(".ck-banner-modules li").Select(li => li.TextContent).Should().NotContain(t => t.Contains("X（旧 Twitter）"));
    }

    [Fact]
    public async Task R26_OptOutFromTheNoticePageRemovesTheModule()
    {
        var client = Client();
        var notice = await PageAsync(client, "/external-transmission");
        var response = await ChooseAsync(client, notice, "opt-out", "#choice-line-tag form");
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.Should().Be("/external-transmission#module-line-tag");

        var html = await (await client.GetAsync("/articles/harbor-festival")).Content.ReadAsStringAsync();
        html.Should().NotContain("line-scdn.net").And.NotContain("_lt(");
        (await PageAsync(client, "/external-transmission")).QuerySelector("#choice-line-tag button")!.GetAttribute("value").Should().Be("opt-in");
    }

    [Fact]
    public async Task SettingsWithoutJavaScriptSavesPerModuleChoices()
    {
        var client = Client();
        var page = await PageAsync(client);
        var form = page.QuerySelector("#ck-settings")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        fields.Add(new("allow", "youtube"));
        fields.Add(new("action", "save"));
        await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        var state = await (await client.GetAsync("/my-privacy")).HtmlAsync();
        string Status(string id) => state.QuerySelector($"tr[data-module={id}] td")!.TextContent;
        Status("youtube").Should().Be("送信します");
        Status("google-analytics").Should().Be("同意していません（送信しません）");
        Status("line-tag").Should().Be("停止しています（送信しません）", "unchecked opt-out box means stop");
    }

    [Fact]
    public async Task ClientScriptUsesNoEvalAndNoInlineHandlers()
    {
        var client = Client();
        var doc = await PageAsync(client);
        var js = await client.GetStringAsync(doc.QuerySelector("script[src*='consentkit.']")!.GetAttribute("src"));
        js.Should().NotContain("eval(").And.NotContain("new Function").And.NotContain("innerHTML").And.NotContain("setAttribute(\"on").And.NotContain(".style.");
        doc.All.SelectMany(e => e.Attributes).Should().NotContain(a => a.Name.StartsWith("on"));
        doc.QuerySelectorAll("#ck-banner [style]").Should().BeEmpty();
        doc.QuerySelectorAll("script").Should().NotContain(s => s.HasAttribute("nonce"), "hashes, not a per-request nonce, keep the first-visit HTML the same for every first visitor");
    }
}
