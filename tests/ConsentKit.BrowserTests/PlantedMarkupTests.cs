using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>
/// Issue 11 §1: markup that a sanitiser lets through (ids and data attributes, no script of its own) is planted in the
/// page as a comment or profile field would be. The client script must not turn it into tracking or script execution.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class PlantedMarkupTests(BrowserFixture browser)
{
    private const string Article = "/articles/harbor-festival";

    private static readonly string[] PlantedGadgets =
    [
        // A fake banner found by id, naming Consent modules as "shown".
        "fake-banner", """<div id="ck-banner" data-ck-shown="google-analytics meta-pixel"></div>""",
        // Inert markup for an exempt module (always allowed): a template with a script, and an inert script. Under the
        // sample's nonce + 'strict-dynamic' CSP a script created by ConsentKit's trusted script would run and load.
        "template", """<template data-ck-module="recaptcha"><script src="https://evil.example/template.js"></script></template>""",
        "inert-script", """<script type="text/plain" data-ck-module="recaptcha" data-ck-src="https://evil.example/inert.js"></script>""",
    ];

    /// <summary>
    /// Each gadget with the sample's enforced policy, and with the policy header taken off the response, so that the
    /// client's own check (only nodes whose hash the server listed are activated) is proven on its own.
    /// </summary>
    public static TheoryData<string, string, bool> Gadgets()
    {
        var data = new TheoryData<string, string, bool>();
        for (var i = 0; i < PlantedGadgets.Length; i += 2)
        {
            data.Add(PlantedGadgets[i], PlantedGadgets[i + 1], true);
            data.Add(PlantedGadgets[i], PlantedGadgets[i + 1], false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Gadgets))]
    public async Task R16_PlantedMarkupStartsNothingAndRequestsNothing(string name, string gadget, bool withPolicy)
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await PlantAsync(page, visit.Url(Article), gadget, withPolicy);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(visit.Url(Article));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(300);

        (await page.ContentAsync()).Should().Contain(name == "fake-banner" ? "data-ck-shown=\"google-analytics meta-pixel\"" : "data-ck-module", "the gadget was planted");
        foreach (var host in new[] { "evil.example", "www.googletagmanager.com", "connect.facebook.net", "www.facebook.com" })
        {
            visit.Contacted(host).Should().BeFalse($"{name}: {host} must not be contacted. Requests seen: {string.Join(", ", visit.ThirdParty.Select(u => u.Host).Distinct())}");
        }

        visit.Contacted("platform.twitter.com").Should().BeTrue("the genuine inert node of the Notice module the genuine banner shows still runs");
        errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task R16_PlantedMarkupForAConsentedModuleStaysInertAfterAccepting(bool withPolicy)
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await PlantAsync(page, visit.Url(Article), """<template data-ck-module="google-analytics"><script src="https://evil.example/after-consent.js"></script></template>""", withPolicy);
        await page.GotoAsync(visit.Url(Article));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var analytics = page.WaitForRequestAsync(r => r.Url.StartsWith("https://www.googletagmanager.com/gtag/js", StringComparison.Ordinal));
        await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意する", Exact = true }).ClickAsync();
        await analytics;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(300);

        visit.Contacted("evil.example").Should().BeFalse("only nodes the server emitted for this page are activated");
    }

    /// <summary>
    /// Serves the page with the gadget inserted right after &lt;body&gt;, as stored user content would appear; without
    /// <paramref name="withPolicy"/>, also without the Content-Security-Policy header.
    /// </summary>
    private static Task PlantAsync(IPage page, string url, string gadget, bool withPolicy) =>
        page.RouteAsync(url, async route =>
        {
            var response = await route.FetchAsync();
            var html = await response.TextAsync();
            var at = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
            at = html.IndexOf('>', at) + 1;
            var headers = response.Headers.Where(h => withPolicy || !h.Key.StartsWith("content-security-policy", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value);
            headers.Should().ContainKey(withPolicy ? "content-security-policy" : "content-type");
            await route.FulfillAsync(new RouteFulfillOptions { Status = response.Status, Headers = headers, Body = html[..at] + gadget + html[at..] });
        });
}
