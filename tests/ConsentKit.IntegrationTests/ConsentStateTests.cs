using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>Recording, protecting and reading choices over real HTTP (TestServer).</summary>
public class ConsentStateTests
{
    private static async Task<(string Token, string Action)> FormTokenAsync(Visitor visitor)
    {
        var doc = await (await visitor.GetAsync("/external-transmission")).HtmlAsync();
        var form = doc.QuerySelector("#choice-analytics form")!;
        return ((form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? ""), form.GetAttribute("action")!);
    }

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private static async Task<string> StateAsync(Visitor visitor) => await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync();

    [Fact]
    public async Task R16_FormPostWithoutJavaScriptRecordsAChoiceThatTheNextRequestSees()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        (await StateAsync(visitor)).Should().Contain("analytics=Pending");

        var (token, action) = await FormTokenAsync(visitor);
        action.Should().Be("external-transmission/choices");
        var response = await visitor.PostFormAsync("/external-transmission/choices",
            [F("__RequestVerificationToken", token), F("action", "grant"), F("module", "analytics"), F("returnUrl", "/articles/1?x=1")]);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.Should().Be("/articles/1?x=1");
        var cookie = visitor.LastSetCookies.Single(c => c.Name == ".ConsentKit");
        cookie.HttpOnly.Should().BeTrue();
        cookie.SameSite.Should().Be(Microsoft.Net.Http.Headers.SameSiteMode.Lax);
        cookie.Path.ToString().Should().Be("/");
        cookie.MaxAge.Should().Be(TimeSpan.FromDays(180));
        cookie.Secure.Should().BeFalse("the test server speaks plain HTTP");
        (await StateAsync(visitor)).Should().Contain("analytics=Allowed");
    }

    [Fact]
    public async Task Cookie_is_Secure_and_Host_prefixed_on_https()
    {
        await using var host = await TestHost.StartAsync();
        host.Server.BaseAddress = new Uri("https://localhost/");
        var visitor = new Visitor(host.Server);
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"accept-all"}""", r => r.Headers.Add("Origin", "https://localhost"));
        var cookie = visitor.LastSetCookies.Single(c => c.Name == "__Host-.ConsentKit");
        cookie.Secure.Should().BeTrue();
        cookie.Path.ToString().Should().Be("/");
        cookie.Domain.HasValue.Should().BeFalse("a __Host- cookie is host-only; a sibling subdomain cannot plant one");
    }

    [Fact]
    public async Task FetchWithJsonRecordsAChoiceAndReturnsTheNewState()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"accept-all","source":"banner"}""",
            r => r.Headers.Add("Origin", "http://localhost"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("modules").GetProperty("analytics").GetString().Should().Be("allowed");
        json.RootElement.GetProperty("modules").GetProperty("video").GetString().Should().Be("allowed");
        json.RootElement.GetProperty("consentMode").GetProperty("analytics_storage").GetString().Should().Be("granted");
        json.RootElement.GetProperty("pending").GetBoolean().Should().BeFalse();
        (await StateAsync(visitor)).Should().Be("analytics=Allowed;ads=Allowed;video=Allowed;fonts=Allowed;captcha=Exempt;session=Exempt");
    }

    [Fact]
    public async Task Sec_Fetch_Site_same_origin_is_enough_for_fetch_without_Origin()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"reject-all"}""", r => r.Headers.Add("Sec-Fetch-Site", "same-origin"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await StateAsync(visitor)).Should().Contain("analytics=Denied").And.Contain("ads=OptedOut");
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    [InlineData("null", null)]
    public async Task CrossSiteFetchIsForbiddenAndChangesNothing(string? origin, string? fetchSite)
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"accept-all"}""", r =>
        {
            if (origin is not null) r.Headers.Add("Origin", origin);
            if (fetchSite is not null) r.Headers.Add("Sec-Fetch-Site", fetchSite);
        });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        visitor.LastSetCookies.Should().NotContain(c => c.Name == ".ConsentKit");
        (await StateAsync(visitor)).Should().Contain("analytics=Pending");
    }

    [Fact]
    public async Task ForgedCrossSiteFormPostGets403AndChangesNothing()
    {
        await using var host = await TestHost.StartAsync();
        var victim = new Visitor(host.Server);
        await victim.GetAsync("/external-transmission");

        var crossSite = await victim.PostFormAsync("/external-transmission/choices", [F("action", "accept-all")],
            r => { r.Headers.Add("Origin", "https://evil.example"); r.Headers.Add("Sec-Fetch-Site", "cross-site"); });
        crossSite.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await crossSite.Content.ReadAsStringAsync()).Should().Contain("受け付けられませんでした");

        var oldBrowser = await victim.PostFormAsync("/external-transmission/choices", [F("action", "accept-all")],
            r => r.Headers.Add("Origin", "https://evil.example"));
        oldBrowser.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        victim.Cookies.Should().NotContainKey(".ConsentKit");
        (await StateAsync(victim)).Should().Contain("analytics=Pending");
    }

    [Fact]
    public async Task WithTokensRequiredAForgedOrMissingTokenGets403AndChangesNothing()
    {
        await using var host = await TestHost.StartAsync(declare: o => Fixtures.Declare(o).Forms.RequireAntiforgeryToken = true);
        var victim = new Visitor(host.Server);
        var (token, _) = await FormTokenAsync(victim);
        token.Should().NotBeEmpty("the site asked for antiforgery tokens, so the forms carry one");
        victim.Cookies.Keys.Should().Contain(k => k.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));

        var noToken = await victim.PostFormAsync("/external-transmission/choices", [F("action", "accept-all")]);
        noToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var forgedToken = await victim.PostFormAsync("/external-transmission/choices", [F("__RequestVerificationToken", "forged"), F("action", "accept-all")]);
        forgedToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var realTokenFromAnotherSite = await victim.PostFormAsync("/external-transmission/choices", [F("__RequestVerificationToken", token), F("action", "accept-all")],
            r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        realTokenFromAnotherSite.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        victim.Cookies.Should().NotContainKey(".ConsentKit");
        (await StateAsync(victim)).Should().Contain("analytics=Pending");

        var withToken = await victim.PostFormAsync("/external-transmission/choices", [F("__RequestVerificationToken", token), F("action", "accept-all")],
            r => r.Headers.Add("Sec-Fetch-Site", "same-origin"));
        withToken.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await StateAsync(victim)).Should().Contain("analytics=Allowed");
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task OpenRedirectFallsBackToTheNoticePage(string returnUrl)
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var (token, _) = await FormTokenAsync(visitor);
        var response = await visitor.PostFormAsync("/external-transmission/choices",
            [F("__RequestVerificationToken", token), F("action", "reject-all"), F("returnUrl", returnUrl)]);
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.Should().Be("/external-transmission");
    }

    [Theory]
    [InlineData("application/json", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", """{"action":"grant-everything"}""", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "null", HttpStatusCode.BadRequest)]
    [InlineData("application/json", """{"action":["accept-all"]}""", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", "action=accept-all", HttpStatusCode.UnsupportedMediaType)]
    public async Task MalformedChoicesGetAClearErrorAndChangeNothing(string contentType, string body, HttpStatusCode expected)
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var request = new HttpRequestMessage(HttpMethod.Post, "/external-transmission/choices") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Accept", "application/json");
        var response = await visitor.SendAsync(request);

        response.StatusCode.Should().Be(expected);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\"").And.Contain("messageJa");
        visitor.Cookies.Should().NotContainKey(".ConsentKit");
    }

    [Fact]
    public async Task OversizeBodyIsRejected()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var modules = string.Join(",", Enumerable.Repeat("\"analytics\"", 3000));
        var response = await visitor.PostJsonAsync("/external-transmission/choices", "{\"action\":\"grant\",\"modules\":[" + modules + "]}", r => r.Headers.Add("Origin", "http://localhost"));
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UnknownModulesAreIgnoredAndReported()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"grant","modules":["analytics","nope","ads"]}""", r => r.Headers.Add("Origin", "http://localhost"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()).Should().Equal("nope", "ads");
        (await StateAsync(visitor)).Should().Contain("analytics=Allowed").And.Contain("ads=Allowed");
    }

    [Fact]
    public async Task R25_WithdrawingIsAsEasyAsGranting()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var (token, _) = await FormTokenAsync(visitor);
        await visitor.PostFormAsync("/external-transmission/choices", [F("__RequestVerificationToken", token), F("action", "grant"), F("module", "analytics")]);
        var doc = await (await visitor.GetAsync("/external-transmission")).HtmlAsync();
        var withdraw = doc.QuerySelector("#choice-analytics button[value=withdraw]");
        withdraw.Should().NotBeNull("one button withdraws, as one button granted");

        token = doc.QuerySelector("#choice-analytics input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        await visitor.PostFormAsync("/external-transmission/choices", [F("__RequestVerificationToken", token), F("action", "withdraw"), F("module", "analytics")]);
        (await StateAsync(visitor)).Should().Contain("analytics=Denied");
    }

    [Fact]
    public async Task R26_OptOutAndOptBackIn()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"opt-out","modules":["ads"]}""", r => r.Headers.Add("Origin", "http://localhost"));
        (await StateAsync(visitor)).Should().Contain("ads=OptedOut").And.Contain("analytics=Pending");
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"opt-in"}""", r => r.Headers.Add("Origin", "http://localhost"));
        (await StateAsync(visitor)).Should().Contain("ads=Allowed");
    }

    [Fact]
    public async Task R23_SaveFromTheSettingsPanelIsPerModule()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"save","modules":["analytics","ads"],"allowed":[]}""", r => r.Headers.Add("Origin", "http://localhost"));
        (await StateAsync(visitor)).Should().Contain("analytics=Denied").And.Contain("ads=OptedOut").And.Contain("video=Allowed");
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("truncated")]
    [InlineData("oversize")]
    [InlineData("garbage")]
    public async Task BadCookieCountsAsNoDecisionNever500AndIsLoggedAtDebug(string kind)
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"accept-all"}""", r => r.Headers.Add("Origin", "http://localhost"));
        var good = visitor.Cookies[".ConsentKit"];
        var bad = kind switch
        {
            "tampered" => good[..^4] + (good[^4] == 'A' ? "B" : "A") + good[^3..],
            "truncated" => good[..(good.Length / 2)],
            "oversize" => good + new string('A', 4200),
            _ => "%%%<script>",
        };
        visitor.SetCookie(".ConsentKit", bad);

        var response = await visitor.GetAsync("/state");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("analytics=Pending");
        host.Logs.Events.Should().Contain(e => e.Id.Id == 1 && e.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task EveryConsentRecordIsLoggedWithItsReceiptId()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"accept-all","source":"banner","lang":"en"}""", r => r.Headers.Add("Origin", "http://localhost"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var receipt = json.RootElement.GetProperty("receipt").GetString()!;

        var record = host.Logs.Events.Single(e => e.Id.Id == 100);
        record.Id.Name.Should().Be("ConsentRecorded");
        record.Message.Should().Contain(receipt).And.Contain("(Banner, AcceptAll)").And.Contain("(English)");
        record.Fields["ReceiptId"].Should().Be(receipt);
        record.Fields["Source"].Should().Be(ConsentSource.Banner);
        record.Fields["Action"].Should().Be(ConsentAction.AcceptAll);
        record.Fields["Language"].Should().Be(NoticeLanguage.English);
        ((string)record.Fields["NoticeSha256"]!).Should().MatchRegex("^[0-9a-f]{64}$");
        ((string)record.Fields["Decisions"]!).Should().MatchRegex("(^| )analytics=Allowed@[0-9a-f]+( |$)");
    }

    [Fact]
    public async Task GpcOptsOutAndIsRecordedOnce()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var response = await visitor.GetAsync("/state", r => r.Headers.Add("Sec-GPC", "1"));
        (await response.Content.ReadAsStringAsync()).Should().Contain("ads=OptedOut").And.Contain("analytics=Pending");
        response.Headers.Vary.Should().Contain("Sec-GPC");
        host.Logs.Events.Where(e => e.Id.Id == 100).Should().ContainSingle().Which.Fields["Source"].Should().Be(ConsentSource.Gpc);

        await visitor.GetAsync("/state", r => r.Headers.Add("Sec-GPC", "1"));
        host.Logs.Events.Where(e => e.Id.Id == 100).Should().ContainSingle("the record cookie remembers that GPC was recorded");
        (await StateAsync(visitor)).Should().Contain("ads=Allowed", "without the signal the visitor's own choice (none) applies");
    }

    [Fact]
    public async Task AGrantAfterTheResponseHasStartedHoldsForThisRequestButWritesNoCookie()
    {
        ConsentChangeResult? result = null;
        TransmissionStatus after = default;
        await using var host = await TestHost.StartAsync(endpoints: e => e.Builder.MapGet("/late", async (HttpContext c) =>
        {
            await c.Response.WriteAsync("started ");
            await c.Response.Body.FlushAsync();
            result = await c.GetExternalTransmission().ApplyAsync(new ConsentChange { Action = ConsentAction.Grant, Modules = ["analytics"] });
            after = c.GetExternalTransmission().GetStatus("analytics");
        }));
        var visitor = new Visitor(host.Server);
        var response = await visitor.GetAsync("/late");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        result!.Persisted.Should().BeFalse();
        after.Should().Be(TransmissionStatus.Allowed);
        visitor.LastSetCookies.Should().BeEmpty();
        host.Logs.Events.Should().Contain(e => e.Id.Id == 2 && e.Level == LogLevel.Warning);
        host.Logs.Events.Should().NotContain(e => e.Id.Id == 100, "an unpersisted decision is not recorded");
        (await StateAsync(visitor)).Should().Contain("analytics=Pending");
    }

    [Fact]
    public async Task CookiePolicySuppressesCookiesOfModulesThatAreNotAllowed()
    {
        await using var host = await TestHost.StartAsync(
            beforeConsentKit: app => app.UseCookiePolicy(),
            endpoints: e => e.Builder.MapGet("/set", (HttpContext c) =>
            {
                c.Response.Cookies.Append("_ex", "1");
                c.Response.Cookies.Append("_ex_123", "1");
                c.Response.Cookies.Append("_ads", "1");
                c.Response.Cookies.Append("theme", "dark");
                return "ok";
            }));
        var visitor = new Visitor(host.Server);

        await visitor.GetAsync("/set");
        visitor.LastSetCookies.Select(c => c.Name.ToString()).Should().BeEquivalentTo(["_ads", "theme"], "analytics is pending; ads (opt-out) is allowed");

        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"accept-all"}""", r => r.Headers.Add("Origin", "http://localhost"));
        visitor.LastSetCookies.Select(c => c.Name.ToString()).Should().Contain([".ConsentKit", ".AspNet.Consent"], "ConsentKit's cookie is essential and CookiePolicy's consent follows accept-all");
        await visitor.GetAsync("/set");
        visitor.LastSetCookies.Select(c => c.Name.ToString()).Should().BeEquivalentTo(["_ex", "_ex_123", "_ads", "theme"]);

        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"reject-all"}""", r => r.Headers.Add("Origin", "http://localhost"));
        visitor.LastSetCookies.Select(c => c.Name.ToString()).Should().Contain(".ConsentKit", "a refusal is recorded even under CookiePolicy");
        await visitor.GetAsync("/set");
        visitor.LastSetCookies.Select(c => c.Name.ToString()).Should().BeEquivalentTo(["theme"]);
    }

    [Fact]
    public async Task ResponsesThatReadTheStateAreNeverStoredByASharedCache()
    {
        await using var host = await TestHost.StartAsync(endpoints: e => e.Builder.MapGet("/public", (HttpContext c) =>
        {
            c.Response.Headers.CacheControl = "public, max-age=60, s-maxage=600";
            return c.GetExternalTransmission().IsAllowed("analytics") ? "on" : "off";
        }));
        var visitor = new Visitor(host.Server);

        var state = await visitor.GetAsync("/state");
        state.Headers.CacheControl!.Private.Should().BeTrue();
        state.Headers.Vary.Should().Contain("Cookie");

        var forcedPublic = await visitor.GetAsync("/public");
        var cc = forcedPublic.Headers.CacheControl!;
        cc.Private.Should().BeTrue();
        cc.Public.Should().BeFalse();
        cc.SharedMaxAge.Should().BeNull();
        cc.MaxAge.Should().Be(TimeSpan.FromSeconds(60));

        var untouched = await visitor.GetAsync("/static");
        untouched.Headers.CacheControl.Should().BeNull("a response that did not read the state is left alone");
    }
}

public class FormTokenReuseTests
{
    [Fact]
    public async Task ARequestTokenReusedForTheSameAntiforgeryCookieStillValidates()
    {
        await using var host = await TestHost.StartAsync(declare: o => Fixtures.Declare(o).Forms.RequireAntiforgeryToken = true);
        var visitor = new Visitor(host.Server);
        string Token(AngleSharp.Dom.IDocument d) => d.QuerySelector("#choice-analytics input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var first = Token(await (await visitor.GetAsync("/external-transmission")).HtmlAsync());
        var secondResponse = await visitor.GetAsync("/external-transmission");
        var second = Token(await secondResponse.HtmlAsync());
        second.Should().Be(first, "the token for this antiforgery cookie is reused");
        secondResponse.Headers.GetValues("X-Frame-Options").Should().Equal("SAMEORIGIN");

        var post = await visitor.PostFormAsync("/external-transmission/choices",
            [new("__RequestVerificationToken", second), new("action", "grant"), new("module", "analytics")]);
        post.StatusCode.Should().Be(System.Net.HttpStatusCode.SeeOther);

        var stranger = new Visitor(host.Server);
        await stranger.GetAsync("/external-transmission");
        (await stranger.PostFormAsync("/external-transmission/choices", [new("__RequestVerificationToken", second), new("action", "grant")]))
            .StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden, "a token is bound to its own cookie");
    }
}
