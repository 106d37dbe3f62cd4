using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsentKit.IntegrationTests;

public class MvcSampleTests(MvcSampleFactory factory) : IClassFixture<MvcSampleFactory>
{
    [Fact]
    public async Task TheSitesOwnBannerPartialReplacesTheBuiltInMarkupAndKeepsWorking()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var doc = await (await client.GetAsync("/Home/Store")).HtmlAsync();

        doc.QuerySelector("#ck-banner.shop-banner h2")!.TextContent.Should().Contain("みどり書店からのお知らせ");
        doc.QuerySelector("#ck-banner.ck-whole > .ck-banner-end:last-child").Should().NotBeNull("a ck-whole banner stays hidden until its end marker is parsed");
        doc.QuerySelectorAll("link[href*='/external-transmission/assets/consentkit.']").Should().ContainSingle()
            .Which.ParentElement!.LocalName.Should().Be("head", "<consent-styles /> styles the banner and the map placeholder from the first paint");
        doc.QuerySelectorAll("script[src*='/external-transmission/assets/consentkit.']").Should().ContainSingle()
            .Which.GetAttribute("data-ck-state").Should().Contain("\"ga4\":\"pending\"");
        doc.QuerySelector("template[data-ck-module=store-map]").Should().NotBeNull();
        doc.QuerySelector(".ck-placeholder .ck-summary")!.TextContent.Should().Contain("Google LLC（Google マップ）");

        var form = doc.QuerySelector("form.ck-banner-actions")!;
        var fields = form.QuerySelectorAll("input").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        fields.Add(new("action", "accept-all"));
        (await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).StatusCode.Should().Be(HttpStatusCode.SeeOther);

        var after = await (await client.GetAsync("/Home/Store")).HtmlAsync();
        after.QuerySelector("#ck-banner").Should().BeNull();
        after.QuerySelector("iframe.map").Should().NotBeNull();
    }

    [Fact]
    public async Task R14_TheSitesOwnBannerShowsTheRequiredPartsSoItCountsAsTheNotice()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var first = await (await client.GetAsync("/Home/Store")).HtmlAsync();
        first.QuerySelector("script[src*='/external-transmission/assets/consentkit.']")!.GetAttribute("data-ck-state").Should().Contain("\"support-chat\":\"pending\"");

        // The partial lists each module's recipient, information and purpose and links to the notice (BannerCheck).
        var next = await (await client.GetAsync("/Home/Store")).HtmlAsync();
        var state = next.QuerySelector("script[src*='/external-transmission/assets/consentkit.']")?.GetAttribute("data-ck-state")
            ?? next.QuerySelector("script[data-ck-state]")?.GetAttribute("data-ck-state") ?? "";
        state.Should().Contain("\"support-chat\":\"allowed\"", "the site's banner showed the chat's notice");
    }

    [Fact]
    public async Task GpcPresetsADenialWhenTheSiteSaysSo()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Sec-GPC", "1");
        var html = await client.GetStringAsync("/");
        html.Should().NotContain("googletagmanager.com").And.Contain("\"analytics_storage\":\"denied\"");
    }

    [Fact]
    public async Task DeclarationsFromAppsettingsAloneProduceTheNotice()
    {
        var doc = await (await factory.CreateClient().GetAsync("/external-transmission")).HtmlAsync();
        doc.QuerySelectorAll("section.ck-module").Select(s => s.Id).Should().BeEquivalentTo(["module-ga4", "module-store-map", "module-support-chat", "module-cdn"]);
        doc.QuerySelector("#module-cdn")!.Closest("section.ck-exempt").Should().NotBeNull();
    }
}

public class MinimalApiSampleTests(MinimalApiSampleFactory factory) : IClassFixture<MinimalApiSampleFactory>
{
    [Fact]
    public async Task ServerSideSendingFollowsTheSameStateWithoutMvc()
    {
        var client = factory.CreateClient();
        (await client.GetFromJsonAsync<JsonElement>("/api/forecast/minato")).GetProperty("analyticsSent").GetBoolean().Should().BeFalse();

        var grant = new HttpRequestMessage(HttpMethod.Post, "/external-transmission/choices") { Content = JsonContent.Create(new { action = "grant", modules = new[] { "server-analytics" } }) };
        grant.Headers.Add("Origin", "http://localhost");
        (await client.SendAsync(grant)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.GetFromJsonAsync<JsonElement>("/api/forecast/minato")).GetProperty("analyticsSent").GetBoolean().Should().BeTrue();
        var state = await client.GetFromJsonAsync<JsonElement>("/api/consent");
        state.GetProperty("modules").GetProperty("server-analytics").GetString().Should().Be("Allowed");
        state.GetProperty("receipt").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task OptOutOnTheNoticePageStopsTheRadarImages()
    {
        var client = factory.CreateClient();
        (await client.GetStringAsync("/")).Should().Contain("tiles.weather-imaging.example");

        var notice = await (await client.GetAsync("/external-transmission")).HtmlAsync();
        var form = notice.QuerySelector("#choice-radar-tiles form")!;
        var fields = form.QuerySelectorAll("input").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        fields.Add(new("action", "opt-out"));
        await client.PostAsync("/external-transmission/" + form.GetAttribute("action")!.Split('/')[^1], new FormUrlEncodedContent(fields));

        (await client.GetStringAsync("/")).Should().NotContain("tiles.weather-imaging.example").And.Contain("停止しています");
    }

    [Fact]
    public async Task GpcStopsTheRadarImages()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Sec-GPC", "1");
        (await client.GetStringAsync("/")).Should().NotContain("tiles.weather-imaging.example");
    }
}

public class InventoryTests(SampleFactory flagship, MvcSampleFactory mvc) : IClassFixture<SampleFactory>, IClassFixture<MvcSampleFactory>
{
    [Fact]
    public async Task R34_EveryResourceOnTheSamplesPagesIsDeclared()
    {
        await Audit(flagship.Services, flagship.CreateClient(), "/", "/articles/harbor-festival", "/my-privacy", "/external-transmission");
        await Audit(mvc.Services, mvc.CreateClient(), "/", "/Home/Store", "/external-transmission");
    }

    private static async Task Audit(IServiceProvider services, HttpClient client, params string[] paths)
    {
        var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<ExternalTransmissionOptions>>(services).Value;
        foreach (var path in paths)
        {
            var html = await client.GetStringAsync(path);
            ExternalTransmissionAudit.FindUndeclaredResources(html, options, "localhost").Should().BeEmpty(path);
        }

        // The scan does see them: with nothing declared, the article's resources are all reported.
        if (paths.Contains("/articles/harbor-festival"))
        {
            var article = await client.GetStringAsync("/articles/harbor-festival");
            ExternalTransmissionAudit.FindUndeclaredResources(article, new ExternalTransmissionOptions(), "localhost").Select(u => u.Host)
                .Should().Contain(["www.googletagmanager.com", "www.youtube-nocookie.com", "www.facebook.com", "d.line-scdn.net", "b.st-hatena.com", "www.google.com"]);
        }
    }
}
