using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Fail loud: markup that nothing processed (tag helpers in Razor components, or no <c>@addTagHelper</c>) goes out live.
/// In Development the response is scanned as it is written and the page is named in an error (event 302).
/// </summary>
public class UnprocessedMarkupTests
{
    private static Task<TestHost> StartAsync(string environment) => TestHost.StartAsync(environment: environment, endpoints: e =>
    {
        // What a Blazor page with tag-helper syntax sends: the attribute and the element as written, split across writes.
        e.Builder.MapGet("/blazor-with-tag-helpers", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html; charset=utf-8";
            await c.Response.WriteAsync("<html><head><script consent-mo");
            await c.Response.Body.FlushAsync();
            await c.Response.WriteAsync("dule=\"ga4\" src=\"https://www.googletagmanager.com/gtag/js\"></script></head><body><consent-banner></consent-banner>");
        });
        e.Builder.MapGet("/element", (HttpContext c) => Results.Content("<body><p>x</p><consent-gate module=\"youtube\"><iframe></iframe></consent-gate>", "text/html"));
        e.Builder.MapGet("/processed", (HttpContext c) =>
            Results.Content("<body><script type=\"text/plain\" data-ck-module=\"ga4\" data-ck-src=\"x\"></script><p>&lt;consent-banner&gt; is written as text</p>", "text/html"));
        e.Builder.MapGet("/json", (HttpContext c) => Results.Content("{\"html\":\"<consent-banner>\"}", "application/json"));
    });

    [Fact]
    public async Task R16_InDevelopmentAPageWithUnprocessedGatingMarkupIsAnErrorNamingItAndTheFix()
    {
        await using var host = await StartAsync("Development");
        var body = await new Visitor(host.Server).GetAsync("/blazor-with-tag-helpers");
        (await body.Content.ReadAsStringAsync()).Should().Contain("<script consent-module=\"ga4\"", "the body passes through unchanged");
        var error = host.Logs.Events.Should().ContainSingle(e => e.Id.Id == 302).Which;
        error.Level.Should().Be(LogLevel.Error);
        error.Message.Should().Contain("/blazor-with-tag-helpers").And.Contain("<script consent-module=\"ga4\"")
            .And.Contain("ConsentKit.Components").And.Contain("@addTagHelper");
    }

    [Fact]
    public async Task An_unprocessed_element_is_named()
    {
        await using var host = await StartAsync("Development");
        await new Visitor(host.Server).GetAsync("/element");
        host.Logs.Events.Should().ContainSingle(e => e.Id.Id == 302).Which.Message.Should().Contain("<consent-gate module=\"youtube\">");
    }

    [Fact]
    public async Task Processed_markup_encoded_text_and_other_content_types_are_not_reported()
    {
        await using var host = await StartAsync("Development");
        var visitor = new Visitor(host.Server);
        await visitor.GetAsync("/processed");
        await visitor.GetAsync("/json");
        await visitor.GetAsync("/external-transmission");
        host.Logs.Events.Should().NotContain(e => e.Id.Id == 302);
    }

    [Fact]
    public async Task The_check_does_not_run_outside_development()
    {
        await using var host = await StartAsync("Production");
        await new Visitor(host.Server).GetAsync("/blazor-with-tag-helpers");
        host.Logs.Events.Should().NotContain(e => e.Id.Id == 302);
    }

    [Theory]
    [InlineData("<div consent-module=\"x\">", "<div consent-module=\"x\">")]
    [InlineData("<p>a</p><consent-banner />", "<consent-banner />")]
    [InlineData("<p data-ck-module=\"x\">", null)]
    public void Find_names_the_first_unprocessed_markup(string html, string? expected) =>
        UnprocessedMarkupCheck.Find(Encoding.UTF8.GetBytes(html)).Should().Be(expected);
}
