using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>What a visitor's browser actually sends, watched request by request, in real Chromium.</summary>
[Collection(nameof(BrowserCollection))]
public class VisitorJourneyTests(BrowserFixture browser)
{
    private static readonly string[] ConsentHosts =
        ["www.googletagmanager.com", "www.google-analytics.com", "connect.facebook.net", "www.facebook.com", "www.youtube-nocookie.com"];

    private const string Article = "/articles/harbor-festival";

    private static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(200);
    }

    private static void ShouldNotHaveContacted(Visit visit, IEnumerable<string> hosts, string because)
    {
        foreach (var host in hosts)
        {
            visit.Contacted(host).Should().BeFalse($"{host}: {because}. Requests seen: {string.Join(", ", visit.ThirdParty.Select(u => u.Host).Distinct())}");
        }
    }

    private static Task ClickBannerAsync(IPage page, string name) =>
        page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    [Fact]
    public async Task R16_FirstVisitSendsNothingToConsentModulesBeforeAChoice()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);

        await Assertions.Expect(page.Locator("#ck-banner")).ToBeVisibleAsync();
        ShouldNotHaveContacted(visit, ConsentHosts, "a Consent module sends nothing before the visitor agrees");
        visit.Contacted("d.line-scdn.net").Should().BeTrue("an OptOut module sends until the visitor opts out; this also shows the interception sees requests");
        visit.Contacted("platform.twitter.com").Should().BeTrue("a Notice module runs once the banner carrying its notice is on screen");
        visit.Contacted("www.google.com").Should().BeTrue("reCAPTCHA is exempt");
    }

    [Fact]
    public async Task AcceptActivatesConsentModulesInPlaceWithoutAReload()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");

        var analytics = page.WaitForRequestAsync(r => r.Url.StartsWith("https://www.googletagmanager.com/gtag/js", StringComparison.Ordinal));
        await ClickBannerAsync(page, "同意する");
        await analytics;
        await SettleAsync(page);

        (await page.EvaluateAsync<int>("() => window.__sameDocument")).Should().Be(42, "the page was not reloaded");
        await Assertions.Expect(page.Locator("#ck-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("iframe[src*='youtube-nocookie.com']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".ck-placeholder")).ToHaveCountAsync(0);
        visit.Contacted("connect.facebook.net").Should().BeTrue();
        visit.Contacted("www.youtube-nocookie.com").Should().BeTrue();
        (await page.EvaluateAsync<string>("() => JSON.stringify(window.dataLayer.find(e => e[0] === 'consent' && e[1] === 'update') ? 'updated' : 'none')"))
            .Should().Be("\"updated\"", "gtag consent update is sent when choices change");
    }

    [Fact]
    public async Task R25_AfterWithdrawalOnTheNoticePageTheNextPageSendsNothing()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await ClickBannerAsync(page, "同意する");
        await SettleAsync(page);

        await page.GotoAsync(visit.Url("/external-transmission"));
        foreach (var module in new[] { "google-analytics", "meta-pixel", "youtube" })
        {
            await page.Locator($"#choice-{module}").GetByRole(AriaRole.Button, new() { Name = "同意を取り消す" }).ClickAsync();
            await Assertions.Expect(page.Locator($"#choice-{module} button[value=grant]")).ToHaveCountAsync(1);
        }

        visit.Forget();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);
        ShouldNotHaveContacted(visit, ConsentHosts, "consent was withdrawn");
        await Assertions.Expect(page.Locator("#ck-banner")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task R26_AnOptedOutModuleMakesNoRequest()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url("/external-transmission"));
        await page.Locator("#choice-line-tag").GetByRole(AriaRole.Button, new() { Name = "送信を停止する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#choice-line-tag button[value=opt-in]")).ToHaveCountAsync(1);

        visit.Forget();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);
        ShouldNotHaveContacted(visit, ["d.line-scdn.net", "tr.line.me"], "the visitor opted out");
    }

    [Fact]
    public async Task GlobalPrivacyControlStopsOptOutModules()
    {
        await using var visit = await browser.NewVisitorAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Sec-GPC"] = "1" },
        });
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);
        ShouldNotHaveContacted(visit, ["d.line-scdn.net", "tr.line.me"], "Sec-GPC: 1 counts as an opt-out");
        ShouldNotHaveContacted(visit, ConsentHosts, "GPC never grants consent");
    }

    [Fact]
    public async Task WithoutJavaScriptTheBannerFormsRecordChoicesAndGatingHolds()
    {
        await using var visit = await browser.NewVisitorAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);
        ShouldNotHaveContacted(visit, ConsentHosts, "the embed and the <noscript> pixel stay inside inert templates");

        await Task.WhenAll(page.WaitForURLAsync("**" + Article), ClickBannerAsync(page, "同意する"));
        await SettleAsync(page);
        await Assertions.Expect(page.Locator("#ck-banner")).ToHaveCountAsync(0);
        visit.Contacted("www.youtube-nocookie.com").Should().BeTrue("the iframe is in the page after the form post");
        visit.Contacted("www.facebook.com").Should().BeTrue("without JavaScript the Meta <noscript> image is what sends");

        await page.GotoAsync(visit.Url("/external-transmission"));
        await page.Locator("#choice-youtube").GetByRole(AriaRole.Button, new() { Name = "同意を取り消す" }).ClickAsync();
        visit.Forget();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);
        ShouldNotHaveContacted(visit, ["www.youtube-nocookie.com"], "withdrawn without JavaScript");
        visit.Contacted("www.facebook.com").Should().BeTrue("the other grants stand");
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(360, 740)]
    public Task TheBannerCausesNoLayoutShift(int width, int height)
        => browser.ShouldNotShiftLayoutAsync(Article, width, height);

    [Theory]
    [InlineData(1280, 800, 0.5)]
    [InlineData(360, 740, 0.7)]
    public async Task R13_TheBannerIsNotThePage(int width, int height, double largestShare)
    {
        await using var visit = await browser.NewVisitorAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } });
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);
        await Assertions.Expect(page.Locator("#ck-banner")).ToBeVisibleAsync();

        var banner = (await page.Locator("#ck-banner").BoundingBoxAsync())!;
        ((double)banner.Height / height).Should().BeLessThanOrEqualTo(largestShare, $"the first-visit banner may cover at most {largestShare:P0} of a {width}×{height} viewport");
        foreach (var name in new[] { "同意する", "同意しない", "設定" })
        {
            var control = page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
            await Assertions.Expect(control).ToBeInViewportAsync(new() { Ratio = 1f });
        }

        // The way to the full notice is visible without scrolling the banner.
        await Assertions.Expect(page.Locator("#ck-banner .ck-banner-more a")).ToBeInViewportAsync(new() { Ratio = 1f });
        (await page.Locator("#ck-banner .ck-banner-inner").EvaluateAsync<double>("e => e.scrollTop")).Should().Be(0);
    }

    [Theory]
    [InlineData("/articles/harbor-festival")]
    [InlineData("/external-transmission")]
    [InlineData("/external-transmission?lang=en")]
    public async Task R40_AxeFindsNoSeriousOrCriticalViolations(string path)
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(path));
        await SettleAsync(page);
        if (path == Article)
        {
            await page.Locator("[data-ck-settings]").ClickAsync();
            await Assertions.Expect(page.Locator("#ck-settings")).ToBeVisibleAsync();
        }

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        serious.Should().BeEmpty();
    }

    [Fact]
    public async Task R40_KeyboardAloneReachesAndOperatesEveryBannerControl()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);

        var reached = new List<string>();
        for (var i = 0; i < 60 && reached.Count < 4; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var label = await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; return e && e.closest('#ck-banner') ? e.textContent.trim() : ''; }");
            if (label.Length > 0 && !reached.Contains(label))
            {
                reached.Add(label);
            }
        }

        reached.Should().Contain(["同意する", "同意しない", "設定"]);
        var focusVisible = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement, ':focus-visible').outlineStyle");
        focusVisible.Should().NotBe("none", "focus is visible");

        // Space on 設定 opens the per-module settings; Space toggles a module; Enter saves.
        await page.Locator("[data-ck-settings]").FocusAsync();
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.Locator("#ck-settings")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-ck-settings]")).ToHaveAttributeAsync("aria-expanded", "true");
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("ck-allow-google-analytics");
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.Locator("#ck-allow-google-analytics")).ToBeCheckedAsync();

        var analytics = page.WaitForRequestAsync(r => r.Url.StartsWith("https://www.googletagmanager.com/", StringComparison.Ordinal));
        await page.Locator("#ck-settings button[value=save]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await analytics;
        await Assertions.Expect(page.Locator("#ck-banner")).ToHaveCountAsync(0);
        visit.Contacted("connect.facebook.net").Should().BeFalse("only Google Analytics was switched on");
    }

    [Fact]
    public async Task EnterOnAcceptRecordsTheChoice()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        await SettleAsync(page);
        await page.Locator("#ck-banner button[value=reject-all]").FocusAsync();

        // LINE Tag (opt-out) had already run; declining it rebuilds the page without it.
        var reloaded = new TaskCompletionSource();
        page.Load += (_, _) => reloaded.TrySetResult();
        await page.Keyboard.PressAsync("Enter");
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(15));
        visit.Forget();
        await SettleAsync(page);
        await Assertions.Expect(page.Locator("#ck-banner")).ToHaveCountAsync(0);
        ShouldNotHaveContacted(visit, ConsentHosts.Append("d.line-scdn.net"), "the visitor declined everything");
        (await page.EvaluateAsync<string>("() => document.cookie")).Should().NotContain(".ConsentKit", "the record is HttpOnly: no script can read or forge it");
    }

    [Theory]
    [InlineData("banner-desktop", Article, 1280, 800)]
    [InlineData("banner-360", Article, 360, 740)]
    [InlineData("notice-desktop", "/external-transmission", 1280, 800)]
    [InlineData("notice-360", "/external-transmission", 360, 740)]
    [InlineData("notice-en-360", "/external-transmission?lang=en", 360, 740)]
    [InlineData("banner-en-desktop", "/articles/harbor-festival?lang=en", 1280, 800)]
    public async Task R9_ScreenshotsAtDesktopAnd360Pixels(string name, string path, int width, int height)
    {
        await using var visit = await browser.NewVisitorAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } });
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(path));
        await SettleAsync(page);

        var file = Path.Combine(BrowserFixture.ArtifactDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = !path.StartsWith(Article, StringComparison.Ordinal) });
        new FileInfo(file).Length.Should().BeGreaterThan(10_000);

        // Legible without zooming: no horizontal scrolling, and body text of at least 16 px.
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing is wider than the screen");
        var smallest = await page.EvaluateAsync<double>(
            "() => Math.min(...[...document.querySelectorAll('p, li, td, th, dd, button, label')].filter(e => e.offsetParent && e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize)))");
        smallest.Should().BeGreaterThanOrEqualTo(14, "small print is limited to badges and notes");
        var consentKitText = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('#ck-banner p, #ck-banner li, .ck-notice p, .ck-notice td')].map(e => parseFloat(getComputedStyle(e).fontSize))");
        consentKitText.Should().NotBeEmpty().And.OnlyContain(size => size >= 16, "ConsentKit's own text is at least 16 px (R9)");
    }
}

/// <summary>Third-party hosts that do not answer at all must not break the page or the banner.</summary>
[Collection(nameof(BrowserCollection))]
public class UnreachableHostsTests(BrowserFixture browser)
{
    [Fact]
    public async Task PagesStayUsableWhenEveryThirdPartyHostIsUnreachable()
    {
        await using var visit = await browser.NewVisitorAsync();
        // Replace the fixture's answer with a refusal, as when a host is down or blocked.
        await visit.Context.UnrouteAllAsync();
        await visit.Context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Host == "127.0.0.1")
            {
                await route.ContinueAsync();
            }
            else
            {
                visit.ThirdParty.Enqueue(new Uri(route.Request.Url));
                await route.AbortAsync("connectionrefused");
            }
        });

        var page = await visit.Context.NewPageAsync();
        var started = DateTime.UtcNow;
        await page.GotoAsync("about:blank");
        await page.GotoAsync(visit.Url("/articles/harbor-festival"));
        await Assertions.Expect(page.Locator("#ck-banner")).ToBeVisibleAsync();
        await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意する", Exact = true }).ClickAsync();
        // A loaded two-core machine can take a few seconds to answer; the bound that matters is the 20 s below.
        await Assertions.Expect(page.Locator("#ck-banner")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("iframe[src*='youtube-nocookie.com']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(20), "nothing waits on a dead host");
        visit.Contacted("www.googletagmanager.com").Should().BeTrue("the tags were tried after consent");
        (await page.TitleAsync()).Should().Contain("港まつり");
    }
}
