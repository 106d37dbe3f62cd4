using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>
/// Issue 16: without an antiforgery token, Chromium's own Sec-Fetch-Site and Origin headers keep another site from
/// recording a choice, while every shape the site itself uses (the banner's plain form, consentkit.js's fetch, the
/// notice page's controls, with and without JavaScript) still records it.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class CrossSiteRequestTests(BrowserFixture browser, CrossSiteRequestTests.AttackerSite attacker) : IClassFixture<CrossSiteRequestTests.AttackerSite>
{
    private const string Article = "/articles/harbor-festival";
    private const string Choices = "/external-transmission/choices";

    /// <summary>
    /// A page of the attacker's site, in this visitor's browser. <c>cross-site</c>: the attacker's server as
    /// <c>localhost</c> (another host than the sample's 127.0.0.1); <c>same-site</c>: as 127.0.0.1 on its own port (same
    /// site, another origin). Both are loopback addresses, so Chromium's local-network rules treat them as the sample.
    /// </summary>
    private async Task<(IPage Page, string Origin)> AttackerPageAsync(Visit visit, string kind)
    {
        var origin = kind == "cross-site" ? "http://localhost:" + attacker.Port : "http://127.0.0.1:" + attacker.Port;
        var page = await visit.Context.NewPageAsync();
        // The fixture answers every host but 127.0.0.1 itself; a page route comes first and lets this one through.
        await page.RouteAsync(origin + "/**", route => route.ContinueAsync());
        return (page, origin);
    }

    private static async Task<bool> BannerShownAsync(Visit visit)
    {
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        var shown = await page.Locator("#ck-banner").IsVisibleAsync();
        await page.CloseAsync();
        return shown;
    }

    public static TheoryData<string> AttackerOrigins => new()
    {
        // Another site altogether.
        "cross-site",
        // A sibling on the same site (another port of 127.0.0.1): same-site, not same-origin, so refused too.
        "same-site",
    };

    [Theory]
    [MemberData(nameof(AttackerOrigins))]
    public async Task Issue16_AFormPostFromAnotherOriginIsRefusedAndChangesNothing(string kind)
    {
        await using var visit = await browser.NewVisitorAsync();
        (await BannerShownAsync(visit)).Should().BeTrue();
        var target = visit.Url(Choices);
        var (page, attackerOrigin) = await AttackerPageAsync(visit, kind);

        var answer = page.WaitForResponseAsync(r => r.Url == target);
        await page.GotoAsync(attackerOrigin + "/prize?target=" + Uri.EscapeDataString(target));
        var response = await answer;
        response.Status.Should().Be(403, "the browser says the post comes from " + attackerOrigin + ": " + string.Join(", ", (await response.Request.AllHeadersAsync()).Where(h => h.Key.StartsWith("sec-fetch", StringComparison.Ordinal) || h.Key == "origin")));
        (await response.TextAsync()).Should().Contain("ほかのサイトからの操作は受け付けられません");
        (await BannerShownAsync(visit)).Should().BeTrue("the refused post recorded nothing, so the choice is still to be made");
        visit.Contacted("www.googletagmanager.com").Should().BeFalse("nothing was accepted for the visitor");
    }

    [Theory]
    [MemberData(nameof(AttackerOrigins))]
    public async Task Issue16_AFetchFromAnotherOriginIsRefusedAndChangesNothing(string kind)
    {
        await using var visit = await browser.NewVisitorAsync();
        (await BannerShownAsync(visit)).Should().BeTrue();
        var target = visit.Url(Choices);
        var (page, attackerOrigin) = await AttackerPageAsync(visit, kind);
        await page.GotoAsync(attackerOrigin + "/news");

        // A no-cors request is the one a page may send anywhere without asking the target first (no preflight).
        var failures = new List<string>();
        page.RequestFailed += (_, r) => failures.Add(r.Url + " " + r.Failure);
        var answer = page.WaitForResponseAsync(r => r.Url == target, new() { Timeout = 20_000 });
        var outcome = await page.EvaluateAsync<string>(@"url => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=accept-all' }).then(r => 'sent: ' + r.type, e => 'error: ' + e.message)", target);
        IResponse response;
        try
        {
            response = await answer;
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"no response seen; fetch: {outcome}; failed requests: {string.Join(" | ", failures)}");
        }

        response.Status.Should().Be(403);
        (await BannerShownAsync(visit)).Should().BeTrue("the refused fetch recorded nothing");
    }

    [Fact]
    public async Task Issue16_TheBannersPlainFormPostWithoutJavaScriptIsAccepted()
    {
        await using var visit = await browser.NewVisitorAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        var answer = page.WaitForResponseAsync(r => r.Url == visit.Url(Choices));
        await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意しない", Exact = true }).ClickAsync();
        (await answer).Status.Should().Be(303, "the site's own form, posted by the browser with no token, is accepted");
        await page.WaitForURLAsync(visit.Url(Article));
        (await page.Locator("#ck-banner").CountAsync()).Should().Be(0, "the choice was recorded");
    }

    [Fact]
    public async Task Issue16_TheClientScriptsFetchIsAccepted()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var answer = page.WaitForResponseAsync(r => r.Url == visit.Url(Choices));
        await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意する", Exact = true }).ClickAsync();
        var response = await answer;
        response.Status.Should().Be(200, "consentkit.js posts JSON from the page's own origin");
        response.Request.Method.Should().Be("POST");
        (await BannerShownAsync(visit)).Should().BeFalse("the choice was recorded");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Issue16_TheNoticePagesControlsAreAccepted(bool javaScript)
    {
        await using var visit = await browser.NewVisitorAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url("/external-transmission"));
        var control = page.Locator(".ck-choice[data-ck-status=pending] button[value=grant]").First;
        var module = await control.Locator("xpath=ancestor::div[contains(@class,'ck-choice')]").GetAttributeAsync("id");
        var answer = page.WaitForResponseAsync(r => r.Url.EndsWith(Choices, StringComparison.Ordinal) && r.Request.Method == "POST");
        await control.ClickAsync();
        (await answer).Status.Should().BeOneOf([200, 303], "the site's own notice page posts from its own origin");
        await page.GotoAsync(visit.Url("/external-transmission"));
        (await page.Locator("#" + module).GetAttributeAsync("data-ck-status")).Should().Be("allowed", $"{module} was granted from the notice page");
    }

    /// <summary>The attacker's own server on Kestrel: a page that posts a form to a target at once, and a plain page.</summary>
    public sealed class AttackerSite : IAsyncLifetime
    {
        private WebApplication? _app;

        public int Port { get; private set; }

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            _app = builder.Build();
            _app.MapGet("/prize", (string target) => Results.Content(
                "<!DOCTYPE html><title>win a prize</title><form id=f method=post action=\"" + WebUtility.HtmlEncode(target) + "\">" +
                "<input type=hidden name=action value=accept-all><input type=hidden name=returnUrl value=/></form>" +
                "<script>document.getElementById('f').submit()</script>", "text/html; charset=utf-8"));
            _app.MapGet("/news", () => Results.Content("<!DOCTYPE html><title>news</title><p>news</p>", "text/html; charset=utf-8"));
            await _app.StartAsync();
            Port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
