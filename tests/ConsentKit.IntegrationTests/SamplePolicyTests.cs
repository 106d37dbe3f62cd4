using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsentKit.IntegrationTests;

/// <summary>R34: the flagship sample runs ConsentKit's policy in Enforce, and every script it runs or may activate is allowed by it.</summary>
public class SamplePolicyTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private static readonly string[] Pages = ["/", "/articles/harbor-festival", "/my-privacy", "/external-transmission"];

    public static TheoryData<string> States => new() { "first-visit", "accept-all", "reject-all", "gpc" };

    private static string Hash(string text) =>
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")))) + "'";

    private async Task<HttpClient> VisitorAsync(string state)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (state == "gpc")
        {
            client.DefaultRequestHeaders.Add("Sec-GPC", "1");
        }
        else if (state != "first-visit")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/external-transmission/choices")
            {
                Content = new StringContent($$"""{"action":"{{state}}"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Origin", "http://localhost");
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }

        return client;
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task R34_EveryInlineScriptTheSampleRunsOrActivatesIsHashedInTheEnforcedPolicy(string state)
    {
        var client = await VisitorAsync(state);
        foreach (var path in Pages)
        {
            var response = await client.GetAsync(path);
            response.Headers.TryGetValues("Content-Security-Policy", out var values).Should().BeTrue($"{path}: the sample enforces ConsentKit's policy");
            var policy = values!.Single();
            var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            var inline = doc.QuerySelectorAll("script:not([src]):not([data-ck-src])")
                .Concat(doc.QuerySelectorAll("template").SelectMany(t => ((IHtmlTemplateElementLike)new(t)).Scripts))
                .Where(s => s.GetAttribute("type") is null or "text/javascript" || s.HasAttribute("data-ck-module"))
                .Select(s => s.TextContent)
                .Where(t => t.Length > 0)
                .ToList();
            if (path != "/external-transmission")
            {
                // The notice page is ConsentKit's own, with a stricter policy of its own and no inline script.
                inline.Should().NotBeEmpty($"{path}: the site's layout always has the inline Consent Mode defaults");
            }

            foreach (var text in inline)
            {
                policy.Should().Contain(Hash(text), $"{path} ({state}): inline script «{text.Trim()[..Math.Min(40, text.Trim().Length)]}…» must be allowed by its hash");
            }

            policy.Should().NotContain("'strict-dynamic'").And.NotContain("'unsafe-inline'").And.NotContain("'nonce-");
        }
    }

    [Fact]
    public async Task R34_RefusedModulesHostsAreOutOfThePolicyAndAcceptedOnesIn()
    {
        var rejected = await VisitorAsync("reject-all");
        var accepted = await VisitorAsync("accept-all");
        var refusedPolicy = (await rejected.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single();
        var acceptedPolicy = (await accepted.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single();
        foreach (var host in new[] { "connect.facebook.net", "d.line-scdn.net", "www.googletagmanager.com" })
        {
            refusedPolicy.Should().NotContain(host, "the visitor refused or stopped the module that declares it");
            acceptedPolicy.Should().Contain(host);
        }

        refusedPolicy.Should().Contain("www.google.com", "reCAPTCHA is exempt");
    }

    /// <summary>The scripts inside a template's content (AngleSharp keeps them in the template's content fragment).</summary>
    private readonly struct IHtmlTemplateElementLike(IElement element)
    {
        public IEnumerable<IElement> Scripts =>
            element is AngleSharp.Html.Dom.IHtmlTemplateElement t ? t.Content.QuerySelectorAll("script:not([src])") : [];
    }
}
