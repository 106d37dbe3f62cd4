using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>The flagship sample on real Kestrel at 127.0.0.1, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : BrowserFixtureBase<ConsentKit.Samples.RazorPages.SiteSecurityHeaders>;

/// <summary>The Blazor sample (<c>dotnet new blazor --interactivity Auto</c> with ConsentKit's components) on Kestrel.</summary>
public sealed class BlazorBrowserFixture : BrowserFixtureBase<ConsentKit.Samples.Blazor.Components.App>;

/// <summary>A sample (the assembly of <typeparamref name="TEntry"/>) on real Kestrel at 127.0.0.1, and Debian's Chromium driven by Playwright.</summary>
public abstract class BrowserFixtureBase<TEntry> : IAsyncLifetime
    where TEntry : class
{
    private SampleOnKestrel? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// An init script that sums every layout shift not caused by input into <c>window.__cls</c>, and describes each in
    /// <c>window.__shifts</c> (value, node, rectangles before and after).
    /// </summary>
    public const string LayoutShiftObserver =
        "window.__cls = 0; window.__shifts = []; new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) { window.__cls += e.value; " +
        "window.__shifts.push(e.value.toFixed(4) + ' ' + e.sources.map(s => s.node ? (s.node.nodeName + '.' + (s.node.className || s.node.id || '') + ' ' + JSON.stringify(s.previousRect) + '->' + JSON.stringify(s.currentRect)) : '?').join(',')); } } })" +
        ".observe({ type: 'layout-shift', buffered: true });";

    /// <summary>Where screenshots go: a test artifact beside the TRX results.</summary>
    public static string ArtifactDirectory { get; } = Path.Combine(FindRepositoryRoot(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _app = new SampleOnKestrel();
        BaseUrl = _app.BaseUrl;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ArtifactDirectory);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// A fresh visitor. Every request that would leave 127.0.0.1 is recorded and answered here with an empty body,
    /// so nothing leaves the machine and third-party hosts look reachable but silent.
    /// </summary>
    public async Task<Visit> NewVisitorAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        // A Japanese visitor unless a test says otherwise (Chromium's default Accept-Language is en-US).
        options.Locale ??= "ja-JP";
        var context = await Browser.NewContextAsync(options);
        var visit = new Visit(context, BaseUrl);
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Host == "127.0.0.1")
            {
                await route.ContinueAsync();
                return;
            }

            visit.ThirdParty.Enqueue(url);
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                ContentType = route.Request.ResourceType == "script" ? "text/javascript" : "text/plain",
                Body = "",
            });
        });
        return visit;
    }

    /// <summary>
    /// A first visit to <paramref name="path"/> at this viewport: the banner is on screen and nothing moved while the page
    /// loaded (cumulative layout shift 0); the failure lists each shift.
    /// </summary>
    public async Task ShouldNotShiftLayoutAsync(string path, int width, int height)
    {
        await using var visit = await NewVisitorAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } });
        await visit.Context.AddInitScriptAsync(LayoutShiftObserver);
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(path));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(700);

        await Assertions.Expect(page.Locator("#ck-banner")).ToBeVisibleAsync();
        var shifts = await page.EvaluateAsync<string[]>("() => window.__shifts");
        (await page.EvaluateAsync<double>("() => window.__cls")).Should().Be(0, string.Join(" | ", shifts));
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsentKit.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    private sealed class SampleOnKestrel : WebApplicationFactory<TEntry>
    {
        public SampleOnKestrel()
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        public string BaseUrl { get; }

        /// <summary>
        /// MapStaticAssets drops integrity values in Development (so edits show at once); keep them, so the browser checks
        /// ConsentKit's script and stylesheet against the page's integrity attribute as on a published site.
        /// </summary>
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("EnableStaticAssetsDevelopmentIntegrity", "true");
    }
}

/// <summary>One visitor: a browser context with its own cookies, and the third-party requests it tried to make.</summary>
public sealed class Visit(IBrowserContext context, string baseUrl) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public ConcurrentQueue<Uri> ThirdParty { get; } = new();

    public string Url(string path) => baseUrl.TrimEnd('/') + path;

    public bool Contacted(string host) => ThirdParty.Any(u => u.Host == host || u.Host.EndsWith("." + host, StringComparison.Ordinal));

    public void Forget() => ThirdParty.Clear();

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

[CollectionDefinition(nameof(BlazorBrowserCollection))]
public sealed class BlazorBrowserCollection : ICollectionFixture<BlazorBrowserFixture>;
