using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.Components.Tests;

/// <summary>The Blazor sample (made from <c>dotnet new blazor --interactivity Auto</c>), in Development, page by page.</summary>
public sealed class BlazorSampleFactory : WebApplicationFactory<ConsentKit.Samples.Blazor.Components.App>
{
    internal RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseEnvironment("Development").ConfigureLogging(l => l.AddProvider(Logs));
}

public class BlazorSampleTests(BlazorSampleFactory factory) : IClassFixture<BlazorSampleFactory>
{
    public static TheoryData<string> Pages => ["/", "/render-modes/static", "/render-modes/server", "/render-modes/webassembly", "/render-modes/auto", "/render-modes/static/deep", "/counter", "/weather"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task R16_EveryPageGoesOutWithItsConsentKitMarkupProcessed(string path)
    {
        var html = await factory.CreateClient().GetStringAsync(path);
        var document = new HtmlParser().ParseDocument(html);
        html.Should().NotContain("<consent-").And.NotContain("consent-module=");
        document.QuerySelectorAll("script[src*='googletagmanager.com']").Should().BeEmpty("Google Analytics is a Consent module and nobody agreed yet");
        document.QuerySelector("script[data-ck-module='google-analytics'][data-ck-src]").Should().NotBeNull("it waits inert for consent");
        document.QuerySelector("#ck-banner").Should().NotBeNull();
        factory.Logs.Entries.Should().NotContain(e => e.Id.Id == 302 || e.Level >= LogLevel.Error);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task R11_EveryPageLinksToTheNotice(string path)
    {
        var document = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync(path));
        document.QuerySelector("a.ck-notice-link")!.GetAttribute("href").Should().Be("/external-transmission");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task R34_EveryResourceOnEveryPageIsDeclared(string path)
    {
        var html = await factory.CreateClient().GetStringAsync(path);
        var options = factory.Services.GetRequiredService<IOptions<ExternalTransmissionOptions>>().Value;
        ExternalTransmissionAudit.FindUndeclaredResources(html, options, "localhost").Should().BeEmpty();
    }

    [Theory]
    [InlineData("/render-modes/webassembly")]
    [InlineData("/render-modes/auto")]
    public async Task R16_WebAssemblyAndAutoPagesArePrerenderedWithThePlaceholderAndCarryTheState(string path)
    {
        var html = await factory.CreateClient().GetStringAsync(path);
        var document = new HtmlParser().ParseDocument(html);
        document.QuerySelectorAll("iframe[src*='youtube']").Should().BeEmpty("the embed is not in the page before consent");
        document.QuerySelector(".ck-placeholder[data-ck-placeholder='youtube'] p.ck-summary").Should().NotBeNull();
        document.QuerySelector(".ck-placeholder button[type='button'][disabled]").Should().NotBeNull("a prerendered button cannot act until the component is interactive");
        html.Should().Contain("Blazor-WebAssembly-Component-State:", "the visitor's state crosses into the browser");
    }
}
