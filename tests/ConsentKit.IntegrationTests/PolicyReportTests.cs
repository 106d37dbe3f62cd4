using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static ConsentKit.IntegrationTests.ContentSecurityPolicyTests;

namespace ConsentKit.IntegrationTests;

/// <summary>R34: reports of transmissions the policy blocked, and the endpoint's defences against bad input.</summary>
public class PolicyReportTests
{
    private const string Path = "/external-transmission/csp-reports";

    private static Task<TestHost> StartAsync(string environment = "Production") =>
        TestHost.StartAsync(o => Fixtures.Declare(o).ContentSecurityPolicy.Mode = ContentSecurityPolicyMode.Enforce, environment: environment);

    private static async Task<HttpResponseMessage> PostAsync(TestHost host, HttpContent content) =>
        await host.Server.CreateClient().PostAsync(Path, content);

    private static List<ViolationSummary> Stored(TestHost host) => host.Services.GetRequiredService<ViolationLog>().Snapshot().ToList();

    [Fact]
    public async Task R34_ReportUriReportIsAggregatedByHostDirectiveAndPathAndWarnedOncePerHost()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var response = await PostAsync(host, Report(CspReport("https://evil.example/x.js?id=1")));
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
            (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty("nothing is reflected");
        }

        Stored(host).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Host = "evil.example", Directive = "script-src-elem", PagePath = "/articles/1", Count = 3L, Declared = false },
            o => o.ExcludingMissingMembers());
        host.Logs.Events.Where(e => e.Id.Id == 304).Should().ContainSingle("one warning per host per hour")
            .Which.Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task R34_ReportToBatchIsRead()
    {
        await using var host = await StartAsync();
        var body = """
            [{"type":"csp-violation","age":1,"url":"http://localhost/a","body":{"documentURL":"http://localhost/a","blockedURL":"https://tracker.example/p","effectiveDirective":"connect-src","disposition":"enforce"}},
             {"type":"deprecation","body":{}},
             {"type":"csp-violation","body":{"documentURL":"http://localhost/b","blockedURL":"inline","effectiveDirective":"script-src-elem"}}]
            """;
        (await PostAsync(host, Report(body, "application/reports+json"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        Stored(host).Select(v => (v.Host, v.Directive, v.PagePath)).Should().BeEquivalentTo(new[]
        {
            ("tracker.example", "connect-src", "/a"),
            ("'inline'", "script-src-elem", "/b"),
        });
    }

    [Fact]
    public async Task ReportsCountInTheConsentKitMeter()
    {
        await using var host = await StartAsync();
        long violations = 0, dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ConsentKit" && instrument.Name.StartsWith("consentkit.csp.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "consentkit.csp.violations") { Interlocked.Add(ref violations, value); }
            else { Interlocked.Add(ref dropped, value); }
        });
        listener.Start();
        await PostAsync(host, Report(CspReport("https://evil.example/x.js")));
        await PostAsync(host, Report("{}", "text/plain"));
        violations.Should().Be(1);
        dropped.Should().Be(1);
    }

    [Theory]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task OnlyReportContentTypesAreAccepted(string type, HttpStatusCode expected)
    {
        await using var host = await StartAsync();
        var response = await PostAsync(host, Report(CspReport("https://evil.example/x.js"), type));
        response.StatusCode.Should().Be(expected);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        Stored(host).Should().BeEmpty();
    }

    [Fact]
    public async Task BodiesOver64KbAreRefused()
    {
        await using var host = await StartAsync();
        var padding = new string('a', 64 * 1024);
        var response = await PostAsync(host, Report(CspReport("https://evil.example/" + padding)));
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        Stored(host).Should().BeEmpty();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"csp-report":""")]
    [InlineData("""[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]""")]
    public async Task MalformedBodiesAreRefusedWithoutEcho(string body)
    {
        await using var host = await StartAsync();
        var response = await PostAsync(host, Report(body));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task HostileFieldsAreReducedToAHostADirectiveAndAPath()
    {
        await using var host = await StartAsync();
        await PostAsync(host, Report(CspReport("javascript:alert(1)<script>", "script-src<img src=x>", "http://localhost/p?q=<b>")));
        Stored(host).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Host = "(other)", Directive = "(other)", PagePath = "/p" }, o => o.ExcludingMissingMembers());
    }

    [Fact]
    public async Task AFloodIsCountedNotStored()
    {
        await using var host = await StartAsync();
        var batch = "[" + string.Join(',', Enumerable.Range(0, 100).Select(i =>
            $$$"""{"type":"csp-violation","body":{"documentURL":"http://localhost/","blockedURL":"https://flood.example/{{{i}}}","effectiveDirective":"img-src"}}""")) + "]";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await PostAsync(host, Report(batch, "application/reports+json"))).StatusCode);
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        Stored(host).Single().Count.Should().BeLessThanOrEqualTo(3 * PolicyReportEndpoint.ReportsPerSecond, "beyond the rate limit reports are counted and dropped");
    }

    [Fact]
    public async Task MemoryIsBoundedHoweverManyHostsArrive()
    {
        await using var host = await StartAsync();
        var log = host.Services.GetRequiredService<ViolationLog>();
        for (var i = 0; i < ViolationLog.Capacity + 300; i++)
        {
            log.Add(new Violation($"h{i}.example", "img-src", "/"));
        }

        log.Snapshot().Should().HaveCount(ViolationLog.Capacity);
        log.Overflow.Should().Be(300);
        host.Logs.Events.Count(e => e.Id.Id == 304).Should().Be(ViolationLog.Capacity, "hosts that were not stored are not remembered either");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task R34_DevelopmentPageListsViolationsAndSuggestsADeclaration()
    {
        await using var host = await StartAsync("Development");
        await PostAsync(host, Report(CspReport("https://connect.facebook.net/en_US/fbevents.js")));
        await PostAsync(host, Report(CspReport("https://cdn.unknown-vendor.example/t.js", "script-src-elem", "http://localhost/x\\\"><script>alert(1)</script>")));
        var html = await host.Server.CreateClient().GetStringAsync("/external-transmission/csp-violations");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        doc.QuerySelectorAll("td").Select(t => t.TextContent).Should().Contain(["connect.facebook.net", "cdn.unknown-vendor.example"]);
        doc.QuerySelectorAll("script").Should().BeEmpty("report fields are encoded");
        var code = doc.QuerySelectorAll("pre code").Select(c => c.TextContent).ToList();
        code.Should().Contain(c => c.Contains("KnownModules.Find(\"meta-pixel\")"), "the catalogue covers Meta's host");
        code.Should().Contain(c => c.Contains(".ContactsHosts(\"cdn.unknown-vendor.example\")"));
    }

    [Fact]
    public async Task ViolationPageIsNotMappedOutsideDevelopment()
    {
        await using var host = await StartAsync();
        (await host.Server.CreateClient().GetAsync("/external-transmission/csp-violations")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
