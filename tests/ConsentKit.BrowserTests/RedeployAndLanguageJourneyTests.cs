using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConsentKit.BrowserTests;

/// <summary>
/// Issue 10's journeys in a real browser: a visitor's stop outlives a redeploy that changed the declarations (R36), and
/// the first notice carries Japanese whatever the browser asks for (R7, R38).
/// </summary>
[Collection(nameof(BrowserCollection))]
public class RedeployAndLanguageJourneyTests(BrowserFixture browser)
{
    private const string Article = "/articles/harbor-festival";
    private static readonly string[] LineHosts = ["d.line-scdn.net", "tr.line.me"];

    [Fact]
    public async Task R36_AnOptOutSurvivesARedeployThatChangedTheModuleWhileAGrantIsAskedAgain()
    {
        var keys = Directory.CreateTempSubdirectory("consentkit-redeploy-keys-");
        var data = Directory.CreateTempSubdirectory("consentkit-redeploy-db-");
        await using var visit = await browser.NewVisitorAsync();
        var page = await visit.Context.NewPageAsync();

        // Before: the visitor accepts on the banner (Google Analytics granted), then stops the LINE Tag on the notice page.
        await using (var before = new RedeployedSample(keys, data, purposeSuffix: null))
        {
            await page.GotoAsync(before.BaseUrl + Article);
            await page.Locator("#ck-banner").GetByRole(AriaRole.Button, new() { Name = "同意する", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#ck-banner")).ToHaveCountAsync(0);
            await page.GotoAsync(before.BaseUrl + "/external-transmission");
            await page.Locator("#choice-line-tag button[value=opt-out]").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/external-transmission", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("#choice-line-tag")).ToHaveAttributeAsync("data-ck-status", "optedOut");
        }

        // The operator adds one 「。」 to both modules' purposes and redeploys (same key ring, same database).
        await using var after = new RedeployedSample(keys, data, purposeSuffix: "。");
        var notice = await visit.Context.NewPageAsync();
        await notice.GotoAsync(after.BaseUrl + "/external-transmission");
        (await notice.Locator("#module-line-tag").TextContentAsync()).Should().Contain("。。", "the redeployed declaration is the one being served");
        await notice.CloseAsync();

        visit.Forget();
        await page.GotoAsync(after.BaseUrl + Article);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(300);

        await Assertions.Expect(page.Locator("#ck-banner")).ToBeVisibleAsync();
        visit.Contacted("www.googletagmanager.com").Should().BeFalse("a grant is asked again after its module changed materially");
        foreach (var host in LineHosts)
        {
            visit.Contacted(host).Should().BeFalse($"{host}: the visitor's stop never reverts because the site changed the declaration. Seen: {string.Join(", ", visit.ThirdParty.Select(u => u.Host).Distinct())}");
        }
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ja-JP")]
    public async Task R7_R38_TheFirstNoticeIsInJapaneseWithEnglishBesideItWhateverTheBrowserPrefers(string locale)
    {
        await using var visit = await browser.NewVisitorAsync(new BrowserNewContextOptions { Locale = locale });
        var page = await visit.Context.NewPageAsync();
        await page.GotoAsync(visit.Url(Article));
        var banner = page.Locator("#ck-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();

        var text = await banner.InnerTextAsync();
        text.Should().Contain("同意する").And.Contain("同意しない").And.Contain("送信先");
        var link = page.Locator("footer a[href*='/external-transmission']").First;
        (await link.InnerTextAsync()).Should().Contain("利用者情報の外部送信");

        if (locale.StartsWith("en", StringComparison.Ordinal))
        {
            text.Should().Contain("Accept", "English is offered beside the Japanese for a visitor who prefers it");
        }

        // The notice's placeholders for an embed also lead with Japanese.
        var placeholder = page.Locator("[data-ck-placeholder]").First;
        if (await placeholder.CountAsync() > 0)
        {
            (await placeholder.InnerTextAsync()).Should().MatchRegex("[\u3040-\u30ff\u4e00-\u9fff]");
        }
    }

    /// <summary>The flagship on Kestrel with a persisted key ring and database, optionally with every purpose changed.</summary>
    private sealed class RedeployedSample : WebApplicationFactory<ConsentKit.Samples.RazorPages.SiteSecurityHeaders>
    {
        private readonly DirectoryInfo _keys;
        private readonly DirectoryInfo _data;
        private readonly string? _suffix;

        public RedeployedSample(DirectoryInfo keys, DirectoryInfo data, string? purposeSuffix)
        {
            _keys = keys;
            _data = data;
            _suffix = purposeSuffix;
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        public string BaseUrl { get; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConsentKit:Store:ConnectionString", "Data Source=" + Path.Combine(_data.FullName, "consentkit.db"));
            if (_suffix is not null)
            {
                builder.UseSetting("ConsentKit:Modules:line-tag:Purpose:Operator", "広告の効果を測るため" + _suffix + _suffix);
                builder.UseSetting("ConsentKit:Modules:google-analytics:Purpose:Operator", "記事の読まれ方を知るため" + _suffix);
            }

            builder.ConfigureServices(s => s.AddDataProtection().PersistKeysToFileSystem(_keys).SetApplicationName("ConsentKit.Samples.RazorPages"));
        }
    }
}
