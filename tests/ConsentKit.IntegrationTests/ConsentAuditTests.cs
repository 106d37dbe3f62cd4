using ConsentKit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.IntegrationTests;

/// <summary>ConsentKit.Testing on the samples (they pass) and on a site that breaks each rule (it says so).</summary>
public class ConsentAuditTests(SampleFactory razorPages, MvcSampleFactory mvc, MinimalApiSampleFactory minimalApi)
    : IClassFixture<SampleFactory>, IClassFixture<MvcSampleFactory>, IClassFixture<MinimalApiSampleFactory>
{
    [Fact]
    public async Task R34_R11_FlagshipPassesForEveryVisitor()
    {
        var options = new ConsentAuditOptions { LinkDepth = 1 };
        options.Paths.Add("/articles/harbor-festival");
        var report = await ConsentAudit.AssertCompliantAsync(razorPages, options);
        report.PagesVisited.Should().Contain(["FirstVisit /articles/harbor-festival", "RejectAll /my-privacy", "GlobalPrivacyControl /"]);
    }

    [Fact]
    public async Task R34_R11_MvcAndMinimalApiSamplesPass()
    {
        (await ConsentAudit.AssertCompliantAsync(mvc)).PagesVisited.Should().NotBeEmpty();
        (await ConsentAudit.AssertCompliantAsync(minimalApi)).PagesVisited.Should().NotBeEmpty();
    }

    [Fact]
    public async Task R34_R11_ASiteBreakingEachRuleFailsWithClearMessages()
    {
        const string Page = """
            <!DOCTYPE html><html><head>
            <script src="https://evil.example/t.js"></script>
            <script src="https://analytics.example.com/a.js"></script>
            </head><body><a href="/second">next</a></body></html>
            """;
        await using var host = await TestHost.StartAsync(endpoints: e =>
        {
            e.Builder.MapGet("/", () => Results.Content(Page, "text/html"));
            e.Builder.MapGet("/second", () => Results.Content("<p>fine <a href=\"/external-transmission\">notice</a></p>", "text/html"));
        });

        var act = () => ConsentAudit.AssertCompliantAsync(host.Services, () => host.Server.CreateClient(), null);
        var error = (await act.Should().ThrowAsync<ConsentAuditException>()).Which;
        var findings = error.Report.Findings;
        findings.Should().Contain(f => f.Rule == ConsentAuditRule.UndeclaredResource && f.Message.Contains("evil.example"));
        findings.Where(f => f.Rule == ConsentAuditRule.RunnableWithoutPermission).Select(f => f.Scenario).Should()
            .BeEquivalentTo([VisitorScenario.FirstVisit, VisitorScenario.RejectAll, VisitorScenario.GlobalPrivacyControl], "the Consent module runs for every visitor but the one who accepted");
        findings.Should().Contain(f => f.Rule == ConsentAuditRule.MissingNoticeLink && f.Path == "/" && f.Message.Contains("analytics"));
        findings.Should().NotContain(f => f.Path == "/second", "the linked page loads nothing and links to the notice");
        error.Message.Should().Contain("[FirstVisit] /: RunnableWithoutPermission: module 'analytics' (Consent) is emitted runnable (https://analytics.example.com/a.js)");
        error.Report.PagesVisited.Should().Contain("AcceptAll /second");
    }
}
