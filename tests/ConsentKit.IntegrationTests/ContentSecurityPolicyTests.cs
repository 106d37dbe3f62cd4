using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.IntegrationTests;

/// <summary>R34: the policy built from the declarations and the visitor's state, its modes, and the header's placement.</summary>
public class ContentSecurityPolicyTests
{
    private const string Enforced = "Content-Security-Policy";
    private const string ReportOnly = "Content-Security-Policy-Report-Only";
    private static readonly Action<HttpRequestMessage> Origin = r => r.Headers.Add("Origin", "http://localhost");

    private static Task<TestHost> StartAsync(ContentSecurityPolicyMode? mode, string environment = "Production") =>
        TestHost.StartAsync(
            o =>
            {
                Fixtures.Declare(o);
                o.ContentSecurityPolicy.Mode = mode;
                o.FindModule("ads")!.ContactsHost("pixel.ads.example.com", ResourceKinds.Image);
            },
            environment: environment,
            endpoints: e => e.Builder.MapGet("/page", () => Results.Content("<!DOCTYPE html><html><body>page</body></html>", "text/html; charset=utf-8")));

    private static string? PolicyOf(HttpResponseMessage response, string name = Enforced) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));

    [Fact]
    public async Task R34_FirstVisitPolicyHasSelfDeclaredHostsOfPendingAndExemptModulesAndNoStrictDynamic()
    {
        await using var host = await StartAsync(ContentSecurityPolicyMode.Enforce);
        var response = await new Visitor(host.Server).GetAsync("/page");
        var policy = PolicyOf(response);
        policy.Should().NotBeNull("Enforce writes Content-Security-Policy on HTML responses");
        response.Headers.Contains(ReportOnly).Should().BeFalse();
        Directive(policy!, "script-src").Split(' ').Should().Contain(["'self'", "analytics.example.com", "ads.example.com", "video.example.com", "fonts.example.com", "localhost"]);
        policy.Should().NotContain("'strict-dynamic'").And.NotContain("'unsafe-inline'").And.NotContain("'unsafe-eval'").And.NotContain("*;");
        policy.Should().Contain("default-src 'self'").And.Contain("object-src 'none'").And.EndWith("; report-uri /external-transmission/csp-reports");
    }

    [Fact]
    public async Task R34_HostsOfRefusedAndOptedOutModulesAreAbsent()
    {
        await using var host = await StartAsync(ContentSecurityPolicyMode.Enforce);
        var visitor = new Visitor(host.Server);
        (await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"reject-all"}""", Origin)).StatusCode.Should().Be(HttpStatusCode.OK);
        var policy = PolicyOf(await visitor.GetAsync("/page"))!;
        policy.Should().NotContain("analytics.example.com", "the visitor refused the Consent module").And.NotContain("ads.example.com", "the visitor stopped the OptOut module");
        policy.Should().Contain("video.example.com", "a Notice module cannot be refused").And.Contain("fonts.example.com");

        (await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"accept-all"}""", Origin)).StatusCode.Should().Be(HttpStatusCode.OK);
        PolicyOf(await visitor.GetAsync("/page")).Should().Contain("analytics.example.com").And.Contain("ads.example.com");
    }

    [Fact]
    public async Task R34_GpcRemovesOptOutModuleHosts()
    {
        await using var host = await StartAsync(ContentSecurityPolicyMode.Enforce);
        var policy = PolicyOf(await new Visitor(host.Server).GetAsync("/page", r => r.Headers.Add("Sec-GPC", "1")))!;
        policy.Should().NotContain("ads.example.com").And.Contain("analytics.example.com");
    }

    [Fact]
    public async Task R34_AHostNarrowedToImagesAppearsOnlyInImgSrc()
    {
        await using var host = await StartAsync(ContentSecurityPolicyMode.Enforce);
        var policy = PolicyOf(await new Visitor(host.Server).GetAsync("/page"))!;
        Directive(policy, "img-src").Should().Contain("pixel.ads.example.com");
        foreach (var name in new[] { "script-src", "connect-src", "frame-src", "style-src", "font-src" })
        {
            Directive(policy, name).Should().NotContain("pixel.ads.example.com", name);
        }
    }

    [Theory]
    [InlineData(null, "Production", null)]
    [InlineData(null, "Development", ReportOnly)]
    [InlineData(ContentSecurityPolicyMode.Off, "Development", null)]
    [InlineData(ContentSecurityPolicyMode.ReportOnly, "Production", ReportOnly)]
    [InlineData(ContentSecurityPolicyMode.Enforce, "Production", Enforced)]
    public async Task ModeDecidesTheHeader(ContentSecurityPolicyMode? mode, string environment, string? expected)
    {
        await using var host = await StartAsync(mode, environment);
        var response = await new Visitor(host.Server).GetAsync("/page");
        foreach (var name in new[] { Enforced, ReportOnly })
        {
            response.Headers.Contains(name).Should().Be(name == expected, $"mode {mode?.ToString() ?? "unset"} in {environment}");
        }
    }

    [Fact]
    public async Task ModeComesFromConfiguration()
    {
        var options = new ExternalTransmissionOptions();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConsentKit:ContentSecurityPolicy:Mode"] = "Enforce",
                ["ConsentKit:Modules:ads:HostKinds:img.example.com"] = "Image, Connect",
                ["ConsentKit:Modules:ads:HostKinds:bad.example.com"] = "Pictures",
            }).Build();
        DeclarationConfigurationReader.Apply(configuration.GetSection("ConsentKit"), options);
        options.ContentSecurityPolicy.Mode.Should().Be(ContentSecurityPolicyMode.Enforce);
        options.FindModule("ads")!.HostKinds["img.example.com"].Should().Be(ResourceKinds.Image | ResourceKinds.Connect);
        options.ConfigurationProblems.Should().ContainSingle(p => p.ToString().Contains("bad.example.com"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task OnlyHtmlResponsesCarryThePolicyAndTheyAreNotSharedCached()
    {
        await using var host = await StartAsync(ContentSecurityPolicyMode.Enforce);
        var visitor = new Visitor(host.Server);
        PolicyOf(await visitor.GetAsync("/static")).Should().BeNull("a text/plain response has no document to protect");
        var page = await visitor.GetAsync("/page");
        page.Headers.CacheControl!.Private.Should().BeTrue("the header depends on the visitor's state");
    }

    [Fact]
    public async Task TheHookGivesTheSameSourcesWithoutAHeader()
    {
        string? seen = null;
        await using var host = await TestHost.StartAsync(
            o =>
            {
                Fixtures.Declare(o);
                o.ContentSecurityPolicy.Mode = ContentSecurityPolicyMode.Enforce;
                o.ContentSecurityPolicy.WriteHeader = false;
            },
            endpoints: e => e.Builder.MapGet("/own", (HttpContext c) =>
            {
                var policy = c.GetContentSecurityPolicy();
                seen = string.Join(' ', policy.SourcesOf(ResourceKinds.Connect));
                return Results.Content("<p>x</p>", "text/html");
            }));
        var response = await new Visitor(host.Server).GetAsync("/own");
        PolicyOf(response).Should().BeNull("the site writes its own header");
        seen.Should().Be("'self' localhost analytics.example.com ads.example.com video.example.com fonts.example.com");
    }

    [Fact]
    public async Task UnreadableModeInConfigurationIsAStartupProblem()
    {
        var options = new ExternalTransmissionOptions();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConsentKit:ContentSecurityPolicy:Mode"] = "Strict" }).Build();
        DeclarationConfigurationReader.Apply(configuration.GetSection("ConsentKit"), options);
        options.ConfigurationProblems.Should().ContainSingle().Which.ToString().Should().Contain("Enforce");
        await Task.CompletedTask;
    }

    internal static StringContent Report(string json, string type = "application/csp-report") => new(json, Encoding.UTF8, type);

    internal static string CspReport(string blocked, string directive = "script-src-elem", string page = "http://localhost/articles/1?token=secret") =>
        $$$"""{"csp-report":{"document-uri":"{{{page}}}","blocked-uri":"{{{blocked}}}","effective-directive":"{{{directive}}}","violated-directive":"{{{directive}}}","disposition":"enforce"}}""";
}
