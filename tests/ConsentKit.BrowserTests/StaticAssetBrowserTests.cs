using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>
/// Issue 17 in a real browser: the flagship maps its pages with <c>WithStaticAssets()</c>, so ConsentKit's script and
/// stylesheet come from <c>_content/ConsentKit/</c> with fingerprinted URLs and integrity values, which Chromium checks,
/// under the enforced policy, and the script runs.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class StaticAssetBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_fingerprinted_script_and_stylesheet_pass_the_browsers_integrity_check_and_the_policy()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { problems.Add(m.Text); } };
        await page.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));");
        var assets = new List<(string Url, int Status)>();
        page.Response += (_, r) => { if (r.Url.Contains("consentkit.", StringComparison.Ordinal)) { lock (assets) { assets.Add((r.Url, r.Status)); } } };

        await page.GotoAsync(visit.Url("/"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var script = page.Locator("script[src*='consentkit.']");
        (await script.GetAttributeAsync("src")).Should().MatchRegex(@"^/_content/ConsentKit/consentkit\.[a-z0-9]+\.js$");
        (await script.GetAttributeAsync("integrity")).Should().StartWith("sha256-");
        var stylesheet = page.Locator("link[rel=stylesheet][href*='consentkit.']");
        (await stylesheet.GetAttributeAsync("integrity")).Should().StartWith("sha256-");

        // Chromium refuses a file whose bytes do not match: the script would not run and the sheet would not apply.
        (await page.EvaluateAsync<bool>("typeof window.ConsentKit === 'object'")).Should().BeTrue("the script passed its integrity check and ran; errors: " + string.Join(" | ", problems));
        (await page.EvaluateAsync<int>("[...document.styleSheets].filter(s => (s.href || '').includes('/_content/ConsentKit/')).length")).Should().Be(1);
        (await page.EvaluateAsync<string[]>("window.__violations")).Should().BeEmpty();
        problems.Should().NotContain(p => p.Contains("integrity", StringComparison.OrdinalIgnoreCase));
        assets.Should().NotBeEmpty().And.OnlyContain(a => a.Status == 200 && a.Url.Contains("/_content/ConsentKit/consentkit.", StringComparison.Ordinal));
    }
}
