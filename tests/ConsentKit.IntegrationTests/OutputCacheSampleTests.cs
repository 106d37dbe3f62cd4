using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>Issue 11 §2 on the flagship sample (policy in Enforce): what VaryByConsentState does while ConsentKit writes the CSP header.</summary>
public class OutputCacheSampleTests
{
    [Fact]
    public async Task R34_WhileConsentKitWritesThePolicyPagesAreNotStoredAndAWarningSaysWhy()
    {
        // The flagship (policy in Enforce) behind an output cache that varies by the state key. The output cache copies
        // headers before the policy is known, so a stored copy would go out with no policy for its scripts.
        var logs = new LogSink();
        await using var factory = new SampleFactory().WithWebHostBuilder(b =>
        {
            b.ConfigureServices(s =>
            {
                s.AddOutputCache(o => o.AddBasePolicy(p => p.Expire(TimeSpan.FromMinutes(5)).VaryByConsentState()));
                s.AddTransient<IStartupFilter, OutputCacheFirst>();
                s.AddLogging(l => l.AddProvider(logs));
            });
        });

        async Task<HttpResponseMessage> AcceptedVisitorGetAsync()
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
            using var choice = new HttpRequestMessage(HttpMethod.Post, "/external-transmission/choices")
            {
                Content = new StringContent("""{"action":"accept-all"}""", Encoding.UTF8, "application/json"),
            };
            choice.Headers.Add("Origin", "http://localhost");
            (await client.SendAsync(choice)).EnsureSuccessStatusCode();
            return await client.GetAsync("/articles/harbor-festival");
        }

        var rendered = await AcceptedVisitorGetAsync();
        var again = await AcceptedVisitorGetAsync();
        again.Headers.Age.Should().BeNull("no copy was stored without its policy");
        again.Headers.GetValues("Content-Security-Policy").Should().ContainSingle().Which.Should().Be(rendered.Headers.GetValues("Content-Security-Policy").Single());
        logs.Events.Where(e => e.Id.Id == 800).Should().ContainSingle("said once, not per request");
    }

    private sealed class OutputCacheFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseOutputCache();
            next(app);
        };
    }
}
