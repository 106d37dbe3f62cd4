using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>
/// R34 in a real browser: ConsentKit's Content Security Policy stops a hand-written tag and a <c>fetch</c> to hosts no
/// module declares (Enforce), or only reports them (ReportOnly); reports reach ConsentKit; and the flagship sample,
/// enforcing the policy, raises no violation on any page in any state while activation in place keeps working.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class PolicyBrowserTests(BrowserFixture browser, PolicyBrowserTests.ProbeSites sites) : IClassFixture<PolicyBrowserTests.ProbeSites>
{
    private const string RecordViolations = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));
        """;

    private static readonly string[] Pages = ["/", "/articles/harbor-festival", "/my-privacy", "/external-transmission"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task R34_UndeclaredScriptAndFetchAreBlockedInEnforceReportedInBoth(bool enforce)
    {
        var site = enforce ? sites.Enforce : sites.ReportOnly;
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync(site.BaseUrl + ProbeSites.ProbePath);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var violations = await page.EvaluateAsync<string[]>("window.__violations");
        violations.Should().Contain(v => v.StartsWith("script-src", StringComparison.Ordinal) && v.Contains("undeclared.example"));
        violations.Should().Contain(v => v.StartsWith("connect-src", StringComparison.Ordinal) && v.Contains("undeclared-api.example"));
        visit.Contacted("undeclared.example").Should().Be(!enforce, enforce ? "Enforce blocks the hand-written tag" : "ReportOnly only reports");
        visit.Contacted("undeclared-api.example").Should().Be(!enforce);

        // The browser sends its reports to ConsentKit; the Development page lists them with a declaration to start from.
        using var client = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        string listed = "";
        for (var i = 0; i < 60 && !(listed.Contains("undeclared.example") && listed.Contains("undeclared-api.example")); i++)
        {
            await Task.Delay(250);
            listed = await client.GetStringAsync("/external-transmission/csp-violations");
        }

        listed.Should().Contain("undeclared.example", "seen: " + string.Join(" | ", ProbeSite.Seen)).And.Contain("undeclared-api.example").And.Contain(".ContactsHosts(&quot;undeclared.example&quot;)");
    }

    [Fact]
    public async Task R34_AModuleIsReachableRightAfterAcceptingItWithoutAReload()
    {
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync(visit.Url("/articles/harbor-festival"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        visit.Contacted("www.googletagmanager.com").Should().BeFalse();

        var analytics = page.WaitForRequestAsync(r => r.Url.StartsWith("https://www.googletagmanager.com/gtag/js", StringComparison.Ordinal));
        var pixel = page.WaitForRequestAsync(r => r.Url.StartsWith("https://connect.facebook.net/", StringComparison.Ordinal));
        await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意する", Exact = true }).ClickAsync();
        await analytics;
        await pixel;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The gated inline scripts ran under their hashes: the GA config call and Meta's queue exist.
        (await page.EvaluateAsync<bool>("window.dataLayer.some(e => e[0] === 'config')")).Should().BeTrue("the gated inline GA script ran after activation");
        (await page.EvaluateAsync<bool>("typeof window.fbq === 'function'")).Should().BeTrue("the inline script in the gated template ran after activation");
        (await page.EvaluateAsync<string[]>("window.__violations")).Should().BeEmpty();
    }

    [Fact]
    public async Task R34_FlagshipInEnforceRaisesNoViolationOnAnyPageInAnyState()
    {
        foreach (var state in new[] { "first-visit", "accept-all", "reject-all", "gpc" })
        {
            await using var visit = await browser.NewVisitorAsync(state == "gpc"
                ? new BrowserNewContextOptions { ExtraHTTPHeaders = new Dictionary<string, string> { ["Sec-GPC"] = "1" } }
                : null);
            var page = await visit.Context.NewPageAsync();
            await page.AddInitScriptAsync(RecordViolations);
            if (state is "accept-all" or "reject-all")
            {
                await page.GotoAsync(visit.Url("/"));
                var status = await page.EvaluateAsync<int>(
                    "a => fetch('/external-transmission/choices', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({action: a})}).then(r => r.status)",
                    state);
                status.Should().Be(200);
            }

            foreach (var path in Pages)
            {
                var response = await page.GotoAsync(visit.Url(path));
                response!.Headers.Should().ContainKey("content-security-policy", path);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                (await page.EvaluateAsync<string[]>("window.__violations")).Should().BeEmpty($"{path} in state {state}");
            }
        }
    }

    /// <summary>The flagship with one extra page that a site's own code might have: a hand-written tag and a fetch, both undeclared.</summary>
    public sealed class ProbeSites : IAsyncLifetime
    {
        public const string ProbePath = "/csp-probe";

        public ProbeSite Enforce { get; } = new("Enforce");

        public ProbeSite ReportOnly { get; } = new("ReportOnly");

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            await Enforce.DisposeAsync();
            await ReportOnly.DisposeAsync();
        }
    }

    public sealed class ProbeSite : WebApplicationFactory<ConsentKit.Samples.RazorPages.SiteSecurityHeaders>
    {
        private const string Html = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title>
            <script src="https://undeclared.example/tag.js"></script>
            <script src="/csp-probe/probe.js"></script>
            </head><body><p>A page with tags no module declares.</p></body></html>
            """;

        public ProbeSite(string mode)
        {
            _mode = mode;
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        private readonly string _mode;

        public static System.Collections.Concurrent.ConcurrentQueue<string> Seen { get; } = new();

        public string BaseUrl { get; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["ConsentKit:ContentSecurityPolicy:Mode"] = _mode }));
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ProbeFilter()));
        }

        private sealed class ProbeFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (c, n) =>
                {
                    await n(c);
                    if (c.Request.Path.Value!.Contains("csp-reports", StringComparison.Ordinal))
                    {
                        Seen.Enqueue($"{c.Request.Method} {c.Request.ContentType} {c.Response.StatusCode}");
                    }
                });
                app.MapWhen(c => c.Request.Path.StartsWithSegments(ProbeSites.ProbePath), branch =>
                {
                    branch.UseExternalTransmissionNotice();
                    branch.Run(c => c.Request.Path.Value!.EndsWith(".js", StringComparison.Ordinal)
                        ? Respond(c, "text/javascript", "fetch('https://undeclared-api.example/collect', {mode: 'no-cors'}).catch(() => {});")
                        : Respond(c, "text/html; charset=utf-8", Html));
                });
                next(app);
            };

            private static Task Respond(HttpContext context, string type, string body)
            {
                context.Response.ContentType = type;
                return context.Response.WriteAsync(body);
            }
        }
    }
}
