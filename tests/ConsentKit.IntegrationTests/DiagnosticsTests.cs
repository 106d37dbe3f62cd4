using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>Development-time help that keeps a site compliant as its pages change.</summary>
public class DiagnosticsTests
{
    private static Task<TestHost> StartAsync(string environment) => TestHost.StartAsync(environment: environment, endpoints: e =>
    {
        // What a page does when a gate renders a module, with and without the footer link.
        e.Builder.MapGet("/emits", (HttpContext c) =>
        {
            var feature = c.GetExternalTransmissionInternal();
            var fonts = feature.Find("fonts")!;
            feature.StatusOf(fonts); // a gate resolves the status before it emits
            ConsentRenderState.Of(c).NoteEmitted(fonts.Id);
            return "page";
        });
        e.Builder.MapGet("/emits-with-link", (HttpContext c) =>
        {
            var feature = c.GetExternalTransmissionInternal();
            var fonts = feature.Find("fonts")!;
            feature.StatusOf(fonts);
            ConsentRenderState.Of(c).NoteEmitted(fonts.Id);
            ConsentRenderState.Of(c).NoticeLinkRendered = true;
            return "page";
        });
    });

    [Fact]
    public async Task R11_InDevelopmentAPageThatSendsWithoutLinkingToTheNoticeIsWarnedAbout()
    {
        await using var host = await StartAsync("Development");
        var visitor = new Visitor(host.Server);
        await visitor.GetAsync("/emits-with-link");
        host.Logs.Events.Should().NotContain(e => e.Id.Id == 301);

        await visitor.GetAsync("/emits");
        host.Logs.Events.Should().ContainSingle(e => e.Id.Id == 301 && e.Level == LogLevel.Warning)
            .Which.Message.Should().Contain("/emits").And.Contain("fonts").And.Contain("R11");
    }

    [Fact]
    public async Task R11_TheCheckAlsoRunsInProductionAtMostOncePerPathPerHour()
    {
        await using var host = await StartAsync("Production");
        var visitor = new Visitor(host.Server);
        await visitor.GetAsync("/emits");
        await visitor.GetAsync("/emits");
        await visitor.GetAsync("/emits");
        host.Logs.Events.Should().ContainSingle(e => e.Id.Id == 301 && e.Level == LogLevel.Warning, "a busy page must not flood the log");
    }

    [Fact]
    public async Task R11_AnOptOutModuleOnAPageWithoutTheLinkIsWarnedAboutToo()
    {
        await using var host = await TestHost.StartAsync(environment: "Production", endpoints: e => e.Builder.MapGet("/optout", (HttpContext c) =>
        {
            var feature = c.GetExternalTransmissionInternal();
            feature.StatusOf(feature.Find("ads")!);
            ConsentRenderState.Of(c).NoteEmitted("ads");
            return "page";
        }));
        await new Visitor(host.Server).GetAsync("/optout");
        host.Logs.Events.Should().ContainSingle(e => e.Id.Id == 301).Which.Message.Should().Contain("ads");
    }
}
