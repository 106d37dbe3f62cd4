using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>Issue 11 §6: two tabs choosing at once, and what page scripts learn about a change.</summary>
[Collection(nameof(BrowserCollection))]
public class TabsAndEventsTests(BrowserFixture browser)
{
    private const string Article = "/articles/harbor-festival";

    [Fact]
    public async Task R25_TwoTabsChoosingAtOnceKeepBothChoices()
    {
        await using var visit = await browser.NewVisitorAsync();
        var first = await visit.Context.NewPageAsync();
        var second = await visit.Context.NewPageAsync();
        await first.GotoAsync(visit.Url(Article));
        await second.GotoAsync(visit.Url(Article));
        await first.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await second.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Hold every choice request a moment on its way out, so both tabs would send the same (old) record cookie.
        await visit.Context.RouteAsync("**/external-transmission/choices", async route =>
        {
            await Task.Delay(400);
            await route.ContinueAsync();
        });

        await Task.WhenAll(
            first.EvaluateAsync("() => window.ConsentKit.choose('grant', ['meta-pixel'])"),
            second.EvaluateAsync("() => window.ConsentKit.choose('grant', ['google-analytics'])"));

        var third = await visit.Context.NewPageAsync();
        await third.GotoAsync(visit.Url(Article));
        var state = await third.EvaluateAsync<Dictionary<string, string>>("() => window.ConsentKit.state()");
        state["meta-pixel"].Should().Be("allowed", "the first tab's choice is kept");
        state["google-analytics"].Should().Be("allowed", "the second tab's choice is kept");
        // The other tab's choice reaches this tab without a reload.
        await first.WaitForFunctionAsync("() => window.ConsentKit.isAllowed('google-analytics')", null, new() { Timeout = 5000 });
    }

    [Fact]
    public async Task TheChangeEventDoesNotHandTheReceiptIdToPageScripts()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => { window.__details = []; document.addEventListener('consentkit:change', e => window.__details.push(JSON.stringify(e.detail))); window.ConsentKit.onChange(r => window.__details.push(JSON.stringify(r))); }");

        var result = await page.EvaluateAsync<string>("() => window.ConsentKit.choose('grant', ['meta-pixel']).then(r => JSON.stringify(r))");

        result.Should().Contain("\"receipt\"", "the caller that asked for the change gets its receipt");
        var details = await page.EvaluateAsync<string[]>("() => window.__details");
        details.Should().HaveCount(2).And.OnlyContain(d => d.Contains("meta-pixel") && !d.Contains("receipt"));
    }
}
