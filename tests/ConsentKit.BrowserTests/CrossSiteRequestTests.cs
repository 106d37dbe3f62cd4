using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>
/// Issue 16: without an antiforgery token, Chromium's own Sec-Fetch-Site and Origin headers keep another site from
/// recording a choice, while every shape the site itself uses (the banner's plain form, consentkit.js's fetch, the
/// notice page's controls, with and without JavaScript) still records it.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class CrossSiteRequestTests(BrowserFixture browser)
{
    private const string Article = "/articles/harbor-festival";
    private const string Choices = "/external-transmission/choices";

    /// <summary>
    /// Serves <paramref name="html"/> at <paramref name="attackerOrigin"/> in this visitor's browser. The page route
    /// answers before the fixture's context route, so the browser sees a page of that origin.
    /// </summary>
    private static async Task<IPage> AttackerPageAsync(Visit visit, string attackerOrigin, string html)
    {
        var page = await visit.Context.NewPageAsync();
        await page.RouteAsync(attackerOrigin + "/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = html,
        }));
        return page;
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
        "http://attacker.test",
        // A sibling on the same site (another port of 127.0.0.1): same-site, not same-origin, so refused too.
        "http://127.0.0.1:9",
    };

    [Theory]
    [MemberData(nameof(AttackerOrigins))]
    public async Task Issue16_AFormPostFromAnotherOriginIsRefusedAndChangesNothing(string attackerOrigin)
    {
        await using var visit = await browser.NewVisitorAsync();
        (await BannerShownAsync(visit)).Should().BeTrue();
        var target = visit.Url(Choices);
        var page = await AttackerPageAsync(visit, attackerOrigin,
            $"<!DOCTYPE html><title>win a prize</title><form id=f method=post action=\"{target}\"><input type=hidden name=action value=accept-all>" +
            "<input type=hidden name=returnUrl value=/></form><script>document.getElementById('f').submit()</script>");

        var answer = page.WaitForResponseAsync(r => r.Url == target);
        await page.GotoAsync(attackerOrigin + "/prize");
        var response = await answer;
        response.Status.Should().Be(403, "the browser says the post comes from " + attackerOrigin + ": " + string.Join(", ", (await response.Request.AllHeadersAsync()).Where(h => h.Key.StartsWith("sec-fetch", StringComparison.Ordinal) || h.Key == "origin")));
        (await response.TextAsync()).Should().Contain("ほかのサイトからの操作は受け付けられません");
        (await BannerShownAsync(visit)).Should().BeTrue("the refused post recorded nothing, so the choice is still to be made");
        visit.Contacted("www.googletagmanager.com").Should().BeFalse("nothing was accepted for the visitor");
    }

    [Theory]
    [MemberData(nameof(AttackerOrigins))]
    public async Task Issue16_AFetchFromAnotherOriginIsRefusedAndChangesNothing(string attackerOrigin)
    {
        await using var visit = await browser.NewVisitorAsync();
        (await BannerShownAsync(visit)).Should().BeTrue();
        var target = visit.Url(Choices);
        var page = await AttackerPageAsync(visit, attackerOrigin, "<!DOCTYPE html><title>news</title><p>news</p>");
        await page.GotoAsync(attackerOrigin + "/news");

        // A no-cors request is the one a page may send anywhere without asking the target first (no preflight).
        var answer = page.WaitForResponseAsync(r => r.Url == target);
        await page.EvaluateAsync(@"url => { fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=accept-all' }).catch(() => {}); }", target);
        var response = await answer;
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
}
