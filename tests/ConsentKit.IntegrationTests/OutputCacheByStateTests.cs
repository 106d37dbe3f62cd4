using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Issue 11 §2: sites that want to cache pages that read the consent state vary the output cache by ConsentKit's state
/// key (<see cref="ConsentOutputCacheExtensions.VaryByConsentState"/>): one stored copy per state, never another state's.
/// </summary>
public class OutputCacheByStateTests
{
    private static Action<HttpRequestMessage> Origin => r => r.Headers.Add("Origin", "http://localhost");

    public static TheoryData<bool> BothOrders => new() { true, false };

    private static Task<TestHost> HostAsync(bool outputCacheFirst, Func<int> next) => TestHost.StartAsync(
        services: s => s.AddOutputCache(o => o.AddBasePolicy(b => b.Expire(TimeSpan.FromMinutes(5)).VaryByConsentState())),
        beforeConsentKit: outputCacheFirst ? app => app.UseOutputCache() : null,
        afterConsentKit: outputCacheFirst ? null : app => app.UseOutputCache(),
        endpoints: e => e.Builder.MapGet("/counted-state", (HttpContext c) =>
            next() + "|" + string.Join(";", c.GetExternalTransmission().Modules.Select(m => $"{m.ModuleId}={m.Status}"))));

    [Theory]
    [MemberData(nameof(BothOrders))]
    public async Task R16_OneCopyPerConsentStateAndNeverAnotherStates(bool outputCacheFirst)
    {
        var calls = 0;
        await using var host = await HostAsync(outputCacheFirst, () => Interlocked.Increment(ref calls));

        var first = await Body(new Visitor(host.Server));
        var second = await Body(new Visitor(host.Server));
        first.Should().Contain("analytics=Pending");
        second.Should().Be(first, "two first-time visitors are in the same state: the stored copy serves the second");

        var accepted = new Visitor(host.Server);
        await accepted.PostJsonAsync("/external-transmission/choices", """{"action":"accept-all"}""", Origin);
        var acceptedPage = await Body(accepted);
        acceptedPage.Should().Contain("analytics=Allowed", "a visitor who accepted never gets the copy stored for the pending state");
        (await Body(accepted)).Should().Be(acceptedPage, "the accepted state has its own stored copy");

        var newcomer = await Body(new Visitor(host.Server));
        newcomer.Should().Be(first, "a new visitor still gets the pending copy, never the accepted one");

        var english = await Body(new Visitor(host.Server), r => r.Headers.Add("Accept-Language", "en"));
        english.Should().NotBe(first, "the notice language is part of the key");
    }

    [Fact]
    public async Task R16_AResponseThatWritesTheRecordCookieIsNeverStored()
    {
        var calls = 0;
        await using var host = await HostAsync(outputCacheFirst: true, () => Interlocked.Increment(ref calls));

        // GPC is recorded once per visitor: that response writes the visitor's record and must not be replayed to another.
        var signalled = new Visitor(host.Server);
        var response = await signalled.GetAsync("/counted-state", r => r.Headers.Add("Sec-GPC", "1"));
        signalled.LastSetCookies.Should().Contain(c => c.Name.Value!.Contains("ConsentKit"), "the signal is recorded in the visitor's record");
        var body = await response.Content.ReadAsStringAsync();

        var other = new Visitor(host.Server);
        var again = await other.GetAsync("/counted-state", r => r.Headers.Add("Sec-GPC", "1"));
        (await again.Content.ReadAsStringAsync()).Should().NotBe(body, "the first response carried a Set-Cookie and was not stored");
        other.LastSetCookies.Should().Contain(c => c.Name.Value!.Contains("ConsentKit"), "the second visitor's own record is written for them");
    }

    [Fact]
    public async Task WithoutTheKeyPagesThatReadStateAreStillNeverStored()
    {
        var calls = 0;
        await using var host = await TestHost.StartAsync(
            services: s => s.AddOutputCache(o => o.AddBasePolicy(b => b.Expire(TimeSpan.FromMinutes(5)))),
            beforeConsentKit: app => app.UseOutputCache(),
            endpoints: e => e.Builder.MapGet("/counted-state", (HttpContext c) =>
                Interlocked.Increment(ref calls) + "|" + c.GetExternalTransmission().Modules.Count));

        var a = await Body(new Visitor(host.Server));
        var b = await Body(new Visitor(host.Server));
        b.Should().NotBe(a);
    }

    private static async Task<string> Body(Visitor visitor, Action<HttpRequestMessage>? configure = null) =>
        await (await visitor.GetAsync("/counted-state", configure)).Content.ReadAsStringAsync();
}
