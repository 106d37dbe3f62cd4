using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>Issue 11 §2 and §4: pages held by the server's caches, and a key ring that does not survive a redeploy.</summary>
public class CachingAndKeysTests
{
    private const string AcceptAll = """{"action":"accept-all"}""";

    private static Action<HttpRequestMessage> Origin => r => r.Headers.Add("Origin", "http://localhost");

    public static TheoryData<bool> BothOrders => new() { true, false };

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task R16_OutputCacheNeverServesOneVisitorsConsentStateToAnother(bool outputCacheFirst)
    {
        await using var host = await TestHost.StartAsync(
            services: s => s.AddOutputCache(o => o.AddBasePolicy(b => b.Cache())),
            beforeConsentKit: outputCacheFirst ? app => app.UseOutputCache() : null,
            afterConsentKit: outputCacheFirst ? null : app => app.UseOutputCache());

        var accepted = new Visitor(host.Server);
        await accepted.PostJsonAsync("/external-transmission/choices", AcceptAll, Origin);
        (await (await accepted.GetAsync("/state")).Content.ReadAsStringAsync()).Should().Contain("analytics=Allowed");

        var newcomer = new Visitor(host.Server);
        (await (await newcomer.GetAsync("/state")).Content.ReadAsStringAsync()).Should().Contain("analytics=Pending", "a page rendered for someone who accepted is never served to a new visitor");
    }

    [Fact]
    public async Task OutputCacheStillStoresPagesThatReadNoConsentState()
    {
        var calls = 0;
        await using var host = await TestHost.StartAsync(
            services: s => s.AddOutputCache(o => o.AddBasePolicy(b => b.Cache())),
            beforeConsentKit: app => app.UseOutputCache(),
            endpoints: e => e.Builder.MapGet("/counter", () => (++calls).ToString()));

        await new Visitor(host.Server).GetAsync("/counter");
        (await (await new Visitor(host.Server).GetAsync("/counter")).Content.ReadAsStringAsync()).Should().Be("1");
    }

    [Fact]
    public async Task R16_ResponseCachingNeverServesOneVisitorsConsentStateToAnother()
    {
        await using var host = await TestHost.StartAsync(
            services: s => s.AddResponseCaching(),
            beforeConsentKit: app => app.UseResponseCaching(),
            endpoints: e => e.Builder.MapGet("/public-state", (HttpContext c) =>
            {
                // What [ResponseCache(Duration = 60)] does before the page renders.
                c.Response.Headers.CacheControl = "public,max-age=60";
                return string.Join(";", c.GetExternalTransmission().Modules.Select(m => $"{m.ModuleId}={m.Status}"));
            }));

        var accepted = new Visitor(host.Server);
        await accepted.PostJsonAsync("/external-transmission/choices", AcceptAll, Origin);
        (await (await accepted.GetAsync("/public-state")).Content.ReadAsStringAsync()).Should().Contain("analytics=Allowed");

        var newcomer = new Visitor(host.Server);
        (await (await newcomer.GetAsync("/public-state")).Content.ReadAsStringAsync()).Should().Contain("analytics=Pending");
    }

    [Fact]
    public async Task StartupWarnsWhenTheKeyRingIsNotPersisted()
    {
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider()));

        host.Logs.Events.Should().Contain(e => e.Id.Id == 6 && e.Level == LogLevel.Warning && e.Message.Contains("PersistKeysToFileSystem") && e.Message.Contains("SetApplicationName"));
    }

    [Fact]
    public async Task StartupDoesNotWarnWhenTheKeyRingIsPersisted()
    {
        var keys = Directory.CreateTempSubdirectory("consentkit-keys-");
        await using var host = await TestHost.StartAsync(services: s => s.AddDataProtection().PersistKeysToFileSystem(keys).SetApplicationName("test"));

        host.Logs.Events.Should().NotContain(e => e.Id.Id == 6);
    }

    [Fact]
    public async Task R26_ALostKeyRingIsAWarningAndDoesNotSilentlyUndoAnOptOut()
    {
        string record;
        await using (var before = await KeyedHost())
        {
            var visitor = new Visitor(before.Server);
            await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"opt-out","modules":["ads"]}""", Origin);
            record = visitor.Cookies[".ConsentKit"];
            (await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync()).Should().Contain("ads=OptedOut");
        }

        await using var redeployed = await KeyedHost();
        var returning = new Visitor(redeployed.Server);
        returning.SetCookie(".ConsentKit", record);
        (await (await returning.GetAsync("/state")).Content.ReadAsStringAsync()).Should().Contain("ads=Pending", "fail closed until the banner is shown again");
        (await returning.GetAsync("/state")).EnsureSuccessStatusCode();

        var warnings = redeployed.Logs.Events.Where(e => e.Id.Id == 4).ToList();
        warnings.Should().ContainSingle("the warning is rate-limited").Which.Level.Should().Be(LogLevel.Warning);
        warnings[0].Message.Should().Contain("UnknownKey");
    }

    private static Task<TestHost> KeyedHost()
    {
        var keys = Directory.CreateTempSubdirectory("consentkit-keys-");
        return TestHost.StartAsync(services: s => s.AddDataProtection().PersistKeysToFileSystem(keys).SetApplicationName("test"));
    }
}
