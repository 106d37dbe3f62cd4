using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>
/// The Blazor sample in real Chromium, one render mode at a time: static SSR (with and without JavaScript), enhanced
/// navigation, and interactive Server. Third-party requests are intercepted and recorded, as for the flagship.
/// </summary>
[Collection(nameof(BlazorBrowserCollection))]
public class BlazorRenderModeTests(BlazorBrowserFixture browser)
{
    private const string StaticPage = "/render-modes/static";
    private const string ServerPage = "/render-modes/server";
    private const string WebAssemblyPage = "/render-modes/webassembly";
    private const string AutoPage = "/render-modes/auto";
    private static readonly string[] ConsentHosts = ["www.googletagmanager.com", "www.youtube-nocookie.com"];

    private static async Task SettleAsync(IPage page)
    {
        // Network idle is a convenience, not a claim: on a loaded machine Blazor's own traffic can keep it from settling
        // for a while. Every assertion after it checks the page or the recorded requests itself.
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
        }

        await page.WaitForTimeoutAsync(200);
    }

    private static void ShouldNotHaveContacted(Visit visit, IEnumerable<string> hosts, string because)
    {
        foreach (var host in hosts)
        {
            visit.Contacted(host).Should().BeFalse($"{host}: {because}. Requests seen: {string.Join(", ", visit.ThirdParty.Select(u => u.Host).Distinct())}");
        }
    }

    /// <summary>Whether the host is contacted within a few seconds (an inserted iframe loads asynchronously).</summary>
    private static async Task<bool> EventuallyContactedAsync(Visit visit, string host)
    {
        for (var i = 0; i < 50 && !visit.Contacted(host); i++)
        {
            await Task.Delay(100);
        }

        return visit.Contacted(host);
    }

    private static ILocator Video(IPage page) => page.Locator("iframe[src*='youtube-nocookie.com']");

    private async Task<(Visit Visit, IPage Page)> OpenAsync(string path, BrowserNewContextOptions? options = null)
    {
        // Tall enough that the content the tests click is above the (non-modal, bottom-fixed) banner.
        options ??= new BrowserNewContextOptions();
        options.ViewportSize ??= new() { Width = 1280, Height = 1800 };
        var visit = await browser.NewVisitorAsync(options);
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(path));
        await SettleAsync(page);
        return (visit, page);
    }

    [Theory]
    [InlineData(StaticPage)]
    [InlineData(ServerPage)]
    [InlineData(WebAssemblyPage)]
    [InlineData(AutoPage)]
    public async Task R16_NoGatedRequestBeforeConsent(string path)
    {
        var (visit, page) = await OpenAsync(path);
        await using var _ = visit;
        await Assertions.Expect(page.Locator("#ck-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".ck-placeholder[data-ck-placeholder='youtube']")).ToBeVisibleAsync();
        ShouldNotHaveContacted(visit, ConsentHosts, "a Consent module sends nothing before the visitor agrees");
        visit.Contacted("d.line-scdn.net").Should().BeTrue("an OptOut module sends until the visitor opts out; this also shows the interception sees requests");
        (await page.ContentAsync()).Should().NotContain("<consent-", "no tag-helper syntax reaches the browser");
    }

    [Fact]
    public async Task R16_StaticPageAcceptInTheBannerActivatesInPlaceWithoutAReload()
    {
        var (visit, page) = await OpenAsync(StaticPage);
        await using var _ = visit;
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");
        var analytics = page.WaitForRequestAsync(r => r.Url.StartsWith("https://www.googletagmanager.com/gtag/js", StringComparison.Ordinal));

        await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意する", Exact = true }).ClickAsync();
        await analytics;
        await SettleAsync(page);

        (await page.EvaluateAsync<int>("() => window.__sameDocument")).Should().Be(42, "the page was not reloaded");
        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".ck-placeholder")).ToHaveCountAsync(0);
        visit.Contacted("www.youtube-nocookie.com").Should().BeTrue();
    }

    [Fact]
    public async Task R16_AGateFifteenComponentsDeepActivatesInPlaceAfterConsent()
    {
        var (visit, page) = await OpenAsync("/render-modes/static/deep");
        await using var _ = visit;
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");
        (await page.Locator(".section-level").CountAsync()).Should().BeGreaterThan(12, "the gate sits deep in the component tree");
        ShouldNotHaveContacted(visit, ["www.youtube-nocookie.com"], "the embed waits inside an inert template");

        await page.GetByRole(AriaRole.Button, new() { Name = "同意して動画を表示する" }).ClickAsync();

        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        (await page.EvaluateAsync<int>("() => window.__sameDocument")).Should().Be(42, "activated in place: ConsentKit's script listed this template");
        (await EventuallyContactedAsync(visit, "www.youtube-nocookie.com")).Should().BeTrue();
    }

    [Fact]
    public async Task EnhancedNavigationBringsInertMarkupThatActivatesFromItsPlaceholder()
    {
        var (visit, page) = await OpenAsync("/");
        await using var _ = visit;
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");

        await page.GetByRole(AriaRole.Link, new() { Name = "Static SSR" }).First.ClickAsync();
        await page.WaitForURLAsync("**" + StaticPage);
        await SettleAsync(page);
        (await page.EvaluateAsync<int>("() => window.__sameDocument")).Should().Be(42, "Blazor's enhanced navigation patched the page in place");
        await Assertions.Expect(page.Locator(".ck-placeholder[data-ck-placeholder='youtube']")).ToBeVisibleAsync();
        ShouldNotHaveContacted(visit, ["www.youtube-nocookie.com"], "the embed that arrived by enhanced navigation stays inert");

        await page.GetByRole(AriaRole.Button, new() { Name = "同意して動画を表示する" }).ClickAsync();
        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        await SettleAsync(page);
        visit.Contacted("www.youtube-nocookie.com").Should().BeTrue();
        (await page.EvaluateAsync<int>("() => window.__sameDocument")).Should().Be(42, "activated in place");
    }

    [Fact]
    public async Task AfterEnhancedNavigationTheClientScriptTakesTheNewPagesState()
    {
        var (visit, page) = await OpenAsync("/");
        await using var _ = visit;

        // Another tab accepts everything: the cookie changes, this page's script does not hear of it.
        await page.EvaluateAsync(@"() => fetch('/external-transmission/choices', { method: 'POST', credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'accept-all', source: 'api' }) })");
        (await page.EvaluateAsync<bool>("() => window.ConsentKit.isAllowed('youtube')")).Should().BeFalse("nothing told this page yet");

        await page.GetByRole(AriaRole.Link, new() { Name = "Static SSR" }).First.ClickAsync();
        await page.WaitForURLAsync("**" + StaticPage);
        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        (await page.EvaluateAsync<bool>("() => window.ConsentKit.isAllowed('youtube')")).Should().BeTrue("the state of the page that enhanced navigation brought");
    }

    [Fact]
    public async Task WithoutJavaScriptThePlaceholderFormRecordsTheChoiceOnAStaticPage()
    {
        var (visit, page) = await OpenAsync(StaticPage, new BrowserNewContextOptions { JavaScriptEnabled = false });
        await using var _ = visit;
        ShouldNotHaveContacted(visit, ConsentHosts, "the embed waits inside an inert template");

        await Task.WhenAll(page.WaitForURLAsync("**" + StaticPage), page.GetByRole(AriaRole.Button, new() { Name = "同意して動画を表示する" }).ClickAsync());
        await SettleAsync(page);

        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        visit.Contacted("www.youtube-nocookie.com").Should().BeTrue("the iframe is in the page after the form post (Blazor's antiforgery token was accepted)");
    }

    [Fact]
    public async Task R16_InteractiveServerAcceptShowsTheEmbedWithoutAReloadAndStoresTheChoice()
    {
        var (visit, page) = await OpenAsync(ServerPage);
        await using var _ = visit;
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");

        // Interactive once the circuit has replaced the prerendered form with a button.
        var accept = page.Locator(".ck-placeholder button[type='button']");
        await Assertions.Expect(accept).ToBeVisibleAsync(new() { Timeout = 15000 });
        ShouldNotHaveContacted(visit, ["www.youtube-nocookie.com"], "nothing before the choice");
        await accept.ClickAsync();

        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("YouTube: allowed");
        (await page.EvaluateAsync<int>("() => window.__sameDocument")).Should().Be(42, "the page was not reloaded");
        (await EventuallyContactedAsync(visit, "www.youtube-nocookie.com")).Should().BeTrue("the iframe loads once inserted");
        (await page.EvaluateAsync<bool>("() => window.ConsentKit.isAllowed('youtube')")).Should()
            .BeTrue("consentkit.js hears the component's choice, so page scripts and gated tags see it without a reload");

        visit.Forget();
        await page.GotoAsync(visit.Url(StaticPage));
        await SettleAsync(page);
        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        visit.Contacted("www.youtube-nocookie.com").Should().BeTrue("the browser stored the record cookie, so the next page renders the embed");
    }

    [Fact]
    public async Task R16_InteractiveServerComponentsHearAChoiceMadeInTheStaticBanner()
    {
        var (visit, page) = await OpenAsync(ServerPage);
        await using var _ = visit;
        await Assertions.Expect(page.Locator(".ck-placeholder button[type='button']")).ToBeVisibleAsync(new() { Timeout = 15000 });

        await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意する", Exact = true }).ClickAsync();

        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("YouTube: allowed");
    }

    [Theory]
    [InlineData(StaticPage, 1280, 800)]
    [InlineData(StaticPage, 360, 740)]
    [InlineData(ServerPage, 360, 740)]
    [InlineData(WebAssemblyPage, 360, 740)]
    [InlineData(AutoPage, 1280, 800)]
    public Task TheBannerAndPlaceholderCauseNoLayoutShift(string path, int width, int height)
        => browser.ShouldNotShiftLayoutAsync(path, width, height);

    /// <summary>The placeholder's button once the WebAssembly or Auto component is interactive (disabled while prerendered).</summary>
    private static ILocator LiveAccept(IPage page) => page.Locator(".ck-placeholder button[type='button']:not([disabled])");

    [Theory]
    [InlineData(WebAssemblyPage)]
    [InlineData(AutoPage)]
    public async Task R16_WebAssemblyAndAutoAcceptShowsTheEmbedWithoutAReloadAndStoresTheChoice(string path)
    {
        var (visit, page) = await OpenAsync(path);
        await using var _ = visit;
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");

        await Assertions.Expect(LiveAccept(page)).ToBeVisibleAsync(new() { Timeout = 60000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("YouTube: not allowed");
        ShouldNotHaveContacted(visit, ["www.youtube-nocookie.com"], "nothing before the choice");
        await LiveAccept(page).ClickAsync();

        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".ck-placeholder")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("YouTube: allowed");
        (await page.EvaluateAsync<int>("() => window.__sameDocument")).Should().Be(42, "the page was not reloaded");
        (await EventuallyContactedAsync(visit, "www.youtube-nocookie.com")).Should().BeTrue("the iframe loads once inserted");
        (await page.EvaluateAsync<bool>("() => window.ConsentKit.isAllowed('youtube')")).Should()
            .BeTrue("consentkit.js hears the component's choice, so page scripts and gated tags see it without a reload");

        visit.Forget();
        await page.GotoAsync(visit.Url(StaticPage));
        await SettleAsync(page);
        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        visit.Contacted("www.youtube-nocookie.com").Should().BeTrue("the browser stored the record cookie, so the next page renders the embed");
    }

    [Theory]
    [InlineData(WebAssemblyPage)]
    [InlineData(AutoPage)]
    public async Task R16_WebAssemblyAndAutoComponentsActivateInPlaceAfterTheBannersAccept(string path)
    {
        var (visit, page) = await OpenAsync(path);
        await using var _ = visit;
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");
        await Assertions.Expect(LiveAccept(page)).ToBeVisibleAsync(new() { Timeout = 60000 });
        var analytics = page.WaitForRequestAsync(r => r.Url.StartsWith("https://www.googletagmanager.com/gtag/js", StringComparison.Ordinal));

        await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意する", Exact = true }).ClickAsync();
        await analytics;

        await Assertions.Expect(Video(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("YouTube: allowed");
        (await page.EvaluateAsync<int>("() => window.__sameDocument")).Should().Be(42, "activated in place");
        (await EventuallyContactedAsync(visit, "www.youtube-nocookie.com")).Should().BeTrue();
    }

    [Theory]
    [InlineData(StaticPage)]
    [InlineData(ServerPage)]
    [InlineData(WebAssemblyPage)]
    [InlineData(AutoPage)]
    public async Task R40_AxeFindsNoSeriousOrCriticalViolationsInConsentKitsMarkup(string path)
    {
        var (visit, page) = await OpenAsync(path);
        await using var _ = visit;
        await page.Locator("[data-ck-settings]").ClickAsync();
        await Assertions.Expect(page.Locator("#ck-settings")).ToBeVisibleAsync();

        // ConsentKit's own markup: the banner, the placeholder and the notice link (the template's own chrome is not ours).
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunContext
        {
            Include = [new Deque.AxeCore.Commons.AxeSelector("#ck-banner"), new Deque.AxeCore.Commons.AxeSelector(".ck-placeholder"), new Deque.AxeCore.Commons.AxeSelector(".ck-notice-link")],
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        serious.Should().BeEmpty();
    }
}
