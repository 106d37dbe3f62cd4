using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Issue 16: a first visit carries nothing per visitor (no antiforgery cookie or token, no receipt), so it is the same
/// bytes for every first visitor and a shared cache may store it where the site allows; the choices endpoint tells
/// another site's requests from the site's own by Sec-Fetch-Site and Origin instead of a token.
/// </summary>
public class FirstVisitTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private const string Choices = "/external-transmission/choices";

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private static async Task<string> StateAsync(Visitor visitor) => await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync();

    /// <summary>A page with ConsentKit's built-in banner, as the tag helper writes it.</summary>
    private static void MapBannerPage(IEndpointRouteBuilderAccessor e) => e.Builder.MapGet("/page", (HttpContext c) =>
    {
        var markup = c.RequestServices.GetRequiredService<ConsentMarkup>();
        var feature = c.GetExternalTransmissionInternal();
        var banner = "";
        if (feature.HasPending)
        {
            banner = markup.BannerText(c, markup.BannerModel(c, feature, LanguageNegotiation.Preferred(c.Request, null)));
            ConsentRenderState.Of(c).BannerShown = true;
        }

        return Results.Content("<!DOCTYPE html><html lang=\"ja\"><head><title>t</title></head><body><main>記事</main>" + banner + "</body></html>", "text/html; charset=utf-8");
    });

    private static ExternalTransmissionOptions WithoutNoticeModules(ExternalTransmissionOptions o)
    {
        Fixtures.Declare(o);
        foreach (var notice in o.Modules.Where(m => m.Measure == TransmissionMeasure.Notice).ToList())
        {
            o.Modules.Remove(notice);
        }

        return o;
    }

    [Fact]
    public async Task Issue16_TwoFirstVisitsToTheFlagshipGetTheSameBytesAndNoPerVisitorToken()
    {
        var pages = new List<string>();
        var recordCookies = new List<string>();
        foreach (var path in new[] { "/articles/harbor-festival", "/articles/harbor-festival", "/external-transmission", "/external-transmission" })
        {
            // A new browser each time: no cookie at all.
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync();
            html.Should().NotContain("__RequestVerificationToken").And.NotContain("RequestVerificationToken");
            var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
            setCookies.Should().NotContain(c => c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase), "a first visit gets no antiforgery cookie");
            setCookies.Where(c => !c.StartsWith(".ConsentKit=", StringComparison.Ordinal)).Should().BeEmpty(
                "ConsentKit writes at most the shared record of the notices its banner showed");
            recordCookies.AddRange(setCookies);
            pages.Add(html);
        }

        pages[1].Should().Be(pages[0], "every first visitor gets the same page");
        pages[3].Should().Be(pages[2], "and the same notice page");
        pages[0].Should().Contain("id=\"ck-banner\"");
        recordCookies.Distinct().Should().HaveCountLessThanOrEqualTo(1, "the notice record of a first visit is the same for every first visitor: it carries no receipt");
    }

    [Fact]
    public async Task Issue16_WithoutNoticeModulesAFirstVisitSetsNoCookieAndIsTheSameBytesEveryTime()
    {
        await using var host = await TestHost.StartAsync(declare: o => WithoutNoticeModules(o), endpoints: MapBannerPage);
        var bodies = new List<byte[]>();
        for (var i = 0; i < 3; i++)
        {
            var response = await new Visitor(host.Server).GetAsync("/page");
            response.Headers.Contains("Set-Cookie").Should().BeFalse("nothing was decided on a first visit, so nothing is stored in the browser");
            bodies.Add(await response.Content.ReadAsByteArrayAsync());
        }

        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(System.Text.Encoding.UTF8.GetString(bodies[0]));
        doc.QuerySelector("#ck-banner form.ck-banner-actions").Should().NotBeNull();
        doc.QuerySelectorAll("#ck-banner input[type=hidden]").Select(i => i.GetAttribute("name")).Should().NotContain(n => n != null && n.Contains("Verification", StringComparison.Ordinal));
        bodies[1].Should().Equal(bodies[0]);
        bodies[2].Should().Equal(bodies[0]);
    }

    [Fact]
    public async Task R24_FirstVisitorsShareOneReceiptlessRecordAndEachBrowserGetsItsOwnReceiptAndProofWhenItReturns()
    {
        var recorder = new Recorder();
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IConsentRecorder>(recorder), endpoints: MapBannerPage);
        var first = new Visitor(host.Server);
        var second = new Visitor(host.Server);
        await first.GetAsync("/page");
        await second.GetAsync("/page");
        first.Cookies[".ConsentKit"].Should().Be(second.Cookies[".ConsentKit"], "before anything is proven the record holds nothing of one browser");
        recorder.Records.Should().BeEmpty("nothing is proven until the browser returns with the record");

        (await StateAsync(first)).Should().Contain("video=Allowed");
        (await StateAsync(second)).Should().Contain("video=Allowed");
        await StateAsync(first);

        var proofs = recorder.Records.Where(r => r.Action == ConsentAction.AcknowledgeNotice).ToList();
        proofs.Should().HaveCount(2, "one proof per browser that came back");
        proofs.Select(p => p.ReceiptId).Distinct().Should().HaveCount(2, "each browser gets its own receipt");
        first.Cookies[".ConsentKit"].Should().NotBe(second.Cookies[".ConsentKit"]);

        await first.PostFormAsync(Choices, [F("action", "accept-all")], r => r.Headers.Add("Sec-Fetch-Site", "same-origin"));
        var accepted = recorder.Records.Last();
        accepted.Action.Should().Be(ConsentAction.AcceptAll);
        accepted.ReceiptId.Should().Be(proofs[0].ReceiptId, "later decisions of the same browser are under the receipt its notice proof got");
    }

    public static TheoryData<string?, string?, bool> OriginCases => new()
    {
        // Sec-Fetch-Site decides when present.
        { "same-origin", "http://localhost", true },
        { "none", null, true },
        { "cross-site", "https://evil.example", false },
        { "same-site", "http://shop.localhost", false },
        { "cross-site", null, false },
        { "same-origin", "https://evil.example", true },
        // Otherwise Origin, when present.
        { null, "http://localhost", true },
        { null, "http://LOCALHOST:80", true },
        { null, "https://localhost", true },
        { null, "https://evil.example", false },
        { null, "http://localhost:8080", false },
        { null, "null", false },
        { null, "not an origin", false },
        // Neither: not a browser, or one too old to say.
        { null, null, true },
    };

    [Theory]
    [MemberData(nameof(OriginCases))]
    public async Task Issue16_AFormPostIsAcceptedOnlyFromThisOrigin(string? secFetchSite, string? origin, bool accepted)
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostFormAsync(Choices, [F("action", "accept-all"), F("returnUrl", "/")], r => Headers(r, secFetchSite, origin));
        await Expect(host, visitor, response, accepted, HttpStatusCode.SeeOther);
    }

    [Theory]
    [MemberData(nameof(OriginCases))]
    public async Task Issue16_AJsonPostIsAcceptedOnlyFromThisOrigin(string? secFetchSite, string? origin, bool accepted)
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostJsonAsync(Choices, """{"action":"accept-all"}""", r => Headers(r, secFetchSite, origin));
        await Expect(host, visitor, response, accepted, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Issue16_ATrustedOriginMayPostAndOthersStillMayNot()
    {
        await using var host = await TestHost.StartAsync(declare: o => Fixtures.Declare(o).Forms.TrustedOrigins.Add("https://shop.example.com/"));
        var visitor = new Visitor(host.Server);
        (await visitor.PostFormAsync(Choices, [F("action", "reject-all")], r => Headers(r, "cross-site", "https://www.example.com")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await visitor.PostFormAsync(Choices, [F("action", "reject-all")], r => Headers(r, "cross-site", "https://shop.example.com")))
            .StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await StateAsync(visitor)).Should().Contain("analytics=Denied");
    }

    [Fact]
    public async Task Issue16_AnOriginThatIsNotOneStopsStartupWithItsName()
    {
        var start = () => TestHost.StartAsync(declare: o => Fixtures.Declare(o).Forms.TrustedOrigins.Add("https://shop.example.com/path"));
        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain("https://shop.example.com/path").And.Contain("信頼する送信元");
    }

    [Fact]
    public async Task Issue16_SharedCachingIsOffByDefault()
    {
        await using var host = await TestHost.StartAsync(endpoints: MapBannerPage);
        var response = await new Visitor(host.Server).GetAsync("/page");
        response.Headers.CacheControl!.Private.Should().BeTrue();
        response.Headers.CacheControl.Public.Should().BeFalse();
    }

    [Fact]
    public async Task Issue16_WhenAllowedAFirstVisitIsPublicAndVariesOnCookieGpcAndLanguage()
    {
        await using var host = await TestHost.StartAsync(
            declare: o => Fixtures.Declare(o).Caching.FirstVisitMaxAge = TimeSpan.FromMinutes(5),
            endpoints: e =>
            {
                MapBannerPage(e);
                e.Builder.MapGet("/private-page", (HttpContext c) =>
                {
                    c.Response.Headers.CacheControl = "private, max-age=60";
                    return c.GetExternalTransmission().HasPending ? "banner" : "none";
                });
                e.Builder.MapGet("/session-page", (HttpContext c) =>
                {
                    c.Response.Cookies.Append("session", Guid.NewGuid().ToString());
                    return c.GetExternalTransmission().HasPending ? "banner" : "none";
                });
            });

        var first = new Visitor(host.Server);
        var response = await first.GetAsync("/page");
        response.Headers.CacheControl!.Public.Should().BeTrue();
        response.Headers.CacheControl.Private.Should().BeFalse();
        response.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromMinutes(5));
        response.Headers.Vary.Should().Contain(["Cookie", "Sec-GPC", "Accept-Language"]);

        var returning = await first.GetAsync("/page");
        returning.Headers.CacheControl!.Private.Should().BeTrue("a visitor with a record gets a page of their own");
        returning.Headers.CacheControl.Public.Should().BeFalse();

        var gpc = await new Visitor(host.Server).GetAsync("/page", r => r.Headers.Add("Sec-GPC", "1"));
        gpc.Headers.CacheControl!.Private.Should().BeTrue("recording the signal makes the response this visitor's own");

        var appPrivate = await new Visitor(host.Server).GetAsync("/private-page");
        appPrivate.Headers.CacheControl!.Private.Should().BeTrue("the application's own private is kept");
        appPrivate.Headers.CacheControl.Public.Should().BeFalse();

        var session = await new Visitor(host.Server).GetAsync("/session-page");
        session.Headers.CacheControl!.Public.Should().BeFalse("a response that sets the application's own cookie is never shared");
    }

    private static void Headers(HttpRequestMessage request, string? secFetchSite, string? origin)
    {
        if (secFetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", secFetchSite);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
    }

    private static async Task Expect(TestHost host, Visitor visitor, HttpResponseMessage response, bool accepted, HttpStatusCode success)
    {
        if (accepted)
        {
            response.StatusCode.Should().Be(success);
            (await StateAsync(visitor)).Should().Contain("analytics=Allowed");
            host.Logs.Events.Should().NotContain(e => e.Id.Id == 500);
            return;
        }

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            json.RootElement.GetProperty("error").GetString().Should().Be("cross-site");
            body = json.RootElement.GetProperty("messageJa").GetString() + " " + json.RootElement.GetProperty("message").GetString();
        }

        body.Should().Contain("ほかのサイトからの操作は受け付けられません").And.Contain("A choice cannot be made from another site");
        visitor.LastSetCookies.Should().NotContain(c => c.Name == ".ConsentKit", "a refused request changes nothing");
        (await StateAsync(visitor)).Should().Contain("analytics=Pending");
        host.Logs.Events.Should().Contain(e => e.Id.Id == 500 && e.Id.Name == "CrossOriginChoiceRefused");
    }

    private sealed class Recorder : IConsentRecorder
    {
        public ConcurrentQueue<ConsentRecord> Records { get; } = new();

        public ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
        {
            Records.Enqueue(record);
            return ValueTask.CompletedTask;
        }
    }
}
