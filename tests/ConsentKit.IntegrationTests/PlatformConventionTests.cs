using System.Net;
using System.Threading.RateLimiting;
using AngleSharp.Html.Parser;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Issue 17, conventions: links follow MapGroup and PathBase, each endpoint takes its own conventions, the record cookie
/// is configured through CookieBuilder, and the options bind from an IConfiguration section.
/// </summary>
public sealed partial class PlatformConventionTests
{
    private sealed record Site(IHost Host, TestServer Server, LogSink Logs) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync();
            Host.Dispose();
        }
    }

    private static async Task<Site> StartAsync(
        Action<IEndpointRouteBuilder> map,
        string? pathBase = null,
        Action<ExternalTransmissionOptions>? declare = null,
        Action<IServiceCollection>? services = null,
        Action<IApplicationBuilder>? beforeEndpoints = null,
        Func<IServiceCollection, IExternalTransmissionBuilder>? register = null)
    {
        var logs = new LogSink();
        var host = new HostBuilder()
            .UseEnvironment("Production")
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.AddRouting();
                    s.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
                    if (register is not null)
                    {
                        register(s);
                    }
                    else
                    {
                        s.AddExternalTransmissionNotice(o =>
                        {
                            Fixtures.Declare(o);
                            declare?.Invoke(o);
                        });
                    }

                    services?.Invoke(s);
                })
                .Configure(app =>
                {
                    if (pathBase is not null)
                    {
                        app.UsePathBase(pathBase);
                    }

                    app.UseExternalTransmissionNotice();
                    app.UseRouting();
                    beforeEndpoints?.Invoke(app);
                    app.UseEndpoints(e =>
                    {
                        map(e);
                        e.MapGet("/page", BannerPage);
                    });
                }))
            .Build();
        await host.StartAsync();
        return new Site(host, host.GetTestServer(), logs);
    }

    /// <summary>A page with the built-in banner and client script, as the banner tag helper writes them.</summary>
    private static IResult BannerPage(HttpContext context, ConsentMarkup markup)
    {
        var feature = context.GetExternalTransmissionInternal();
        var model = markup.BannerModel(context, feature, NoticeLanguage.Japanese);
        var html = "<!DOCTYPE html><html lang=\"ja\"><head><title>t</title></head><body>" + markup.BannerText(context, model) + "</body></html>";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static Task<HttpResponseMessage> AcceptAllAsync(Visitor visitor, string origin, string noticePath) =>
        visitor.PostJsonAsync(origin + noticePath + "/choices", """{"action":"accept-all"}""", r => r.Headers.Add("Origin", origin));

    private static async Task<AngleSharp.Dom.IDocument> PageAsync(TestServer server, string path)
    {
        var response = await server.CreateClient().GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task R12_Banner_links_forms_and_assets_follow_a_MapGroup_prefix()
    {
        await using var site = await StartAsync(e => e.MapGroup("/legal").MapExternalTransmissionNotice());
        var page = await PageAsync(site.Server, "/page");

        var banner = page.QuerySelector("#ck-banner") ?? page.QuerySelector("[class*=ck-banner]");
        banner.Should().NotBeNull();
        var forms = page.QuerySelectorAll("form").Select(f => f.GetAttribute("action")).Distinct().ToList();
        forms.Should().Equal("/legal/external-transmission/choices");
        var noticeLinks = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(h => h.Contains("external-transmission", StringComparison.Ordinal)).ToList();
        noticeLinks.Should().NotBeEmpty().And.OnlyContain(h => h.StartsWith("/legal/external-transmission", StringComparison.Ordinal));
        var script = page.QuerySelector("script[src]")!;
        script.GetAttribute("src").Should().StartWith("/legal/external-transmission/assets/");
        script.GetAttribute(ConsentProtocol.Attributes.Choices).Should().Be("/legal/external-transmission/choices");
        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        stylesheet.Should().StartWith("/legal/external-transmission/assets/");

        // Every URL written is served.
        var client = site.Server.CreateClient();
        (await client.GetAsync(script.GetAttribute("src"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(stylesheet)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(noticeLinks[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/external-transmission")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task R12_Links_follow_PathBase_and_a_MapGroup_prefix_together()
    {
        await using var site = await StartAsync(e => e.MapGroup("/legal").MapExternalTransmissionNotice(), pathBase: "/site");
        var page = await PageAsync(site.Server, "/site/page");

        page.QuerySelectorAll("form").Select(f => f.GetAttribute("action")).Distinct().Should().Equal("/site/legal/external-transmission/choices");
        page.QuerySelector("script[src]")!.GetAttribute("src").Should().StartWith("/site/legal/external-transmission/assets/");
        page.QuerySelectorAll("a[href*=external-transmission]").Select(a => a.GetAttribute("href")!)
            .Should().NotBeEmpty().And.OnlyContain(h => h.StartsWith("/site/legal/external-transmission", StringComparison.Ordinal));
        (await site.Server.CreateClient().GetAsync(page.QuerySelector("script[src]")!.GetAttribute("src"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Notice_page_controls_return_to_the_notice_under_its_group()
    {
        await using var site = await StartAsync(e => e.MapGroup("/legal").MapExternalTransmissionNotice());
        var notice = await PageAsync(site.Server, "/legal/external-transmission");

        var returns = notice.QuerySelectorAll("input[name=" + ConsentProtocol.Fields.ReturnUrl + "]").Select(i => i.GetAttribute("value")!).ToList();
        returns.Should().NotBeEmpty().And.OnlyContain(v => v.StartsWith("/legal/external-transmission#module-", StringComparison.Ordinal));
        // The relative form action resolves, from the notice page, to the choices endpoint in the group.
        var action = notice.QuerySelector("form[method=post]")!.GetAttribute("action")!;
        new Uri(new Uri("http://localhost/legal/external-transmission"), action).AbsolutePath.Should().Be("/legal/external-transmission/choices");
    }

    [Fact]
    public async Task R34_The_CSP_report_uri_follows_the_group_prefix()
    {
        await using var site = await StartAsync(
            e => e.MapGroup("/legal").MapExternalTransmissionNotice(),
            declare: o => o.ContentSecurityPolicy.Mode = ContentSecurityPolicyMode.Enforce);
        var response = await site.Server.CreateClient().GetAsync("/page");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        policy.Should().Contain("report-uri /legal/external-transmission/csp-reports");
    }

    [Fact]
    public async Task Each_endpoint_takes_its_own_conventions()
    {
        ExternalTransmissionEndpointConventionBuilder? builder = null;
        await using var site = await StartAsync(e =>
        {
            builder = e.MapExternalTransmissionNotice();
            builder.Choices.WithMetadata(new ChoicesOnly());
            builder.Notice.CacheOutput();
            builder.WithMetadata(new Everywhere());
        }, services: s => s.AddOutputCache());

        var endpoints = site.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName.StartsWith("ConsentKit.", StringComparison.Ordinal) == true)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);
        endpoints.Keys.Should().Contain([ConsentKitEndpointNames.Notice, ConsentKitEndpointNames.NoticeJson, ConsentKitEndpointNames.Choices, ConsentKitEndpointNames.Assets, ConsentKitEndpointNames.Reports]);
        endpoints.Where(e => e.Value.Metadata.GetMetadata<ChoicesOnly>() is not null).Select(e => e.Key).Should().Equal(ConsentKitEndpointNames.Choices);
        endpoints.Where(e => e.Value.Metadata.GetMetadata<IOutputCachePolicy>() is not null).Select(e => e.Key)
            .Should().BeEquivalentTo([ConsentKitEndpointNames.Notice, ConsentKitEndpointNames.NoticeJson]);
        endpoints.Values.Should().OnlyContain(e => e.Metadata.GetMetadata<Everywhere>() != null);
    }

    [Fact]
    public async Task A_rate_limit_on_the_choices_endpoint_alone_leaves_the_notice_free()
    {
        await using var site = await StartAsync(
            e => e.MapExternalTransmissionNotice().Choices.RequireRateLimiting("choices"),
            services: s => s.AddRateLimiter(r =>
            {
                r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                r.AddFixedWindowLimiter("choices", l => { l.PermitLimit = 1; l.Window = TimeSpan.FromHours(1); l.QueueLimit = 0; });
            }),
            beforeEndpoints: app => app.UseRateLimiter());
        var client = site.Server.CreateClient();
        FormUrlEncodedContent Form() => new([new(ConsentProtocol.Fields.Action, "accept-all")]);

        (await client.PostAsync("/external-transmission/choices", Form())).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
        (await client.PostAsync("/external-transmission/choices", Form())).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/external-transmission")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task The_record_cookie_takes_SameSite_and_SecurePolicy_from_CookieBuilder()
    {
        await using var site = await StartAsync(e => e.MapExternalTransmissionNotice(), declare: o =>
        {
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        var visitor = new Visitor(site.Server);
        await AcceptAllAsync(visitor, "http://localhost", "/external-transmission");
        var record = visitor.LastSetCookies.Should().ContainSingle(c => c.Name.Value == ".ConsentKit").Subject;
        record.SameSite.Should().Be(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
        record.Secure.Should().BeTrue("SecurePolicy=Always marks the cookie Secure even over plain HTTP");
        record.HttpOnly.Should().BeTrue();
    }

    [Fact]
    public async Task The_record_cookie_defaults_are_unchanged_host_prefix_lax_httponly()
    {
        await using var site = await StartAsync(e => e.MapExternalTransmissionNotice());
        var visitor = new Visitor(site.Server);
        await AcceptAllAsync(visitor, "https://localhost", "/external-transmission");
        var record = visitor.LastSetCookies.Should().ContainSingle(c => c.Name.Value == "__Host-.ConsentKit").Subject;
        record.SameSite.Should().Be(Microsoft.Net.Http.Headers.SameSiteMode.Lax);
        record.Secure.Should().BeTrue();
        record.HttpOnly.Should().BeTrue();
        record.Path.Value.Should().Be("/");
        record.Domain.HasValue.Should().BeFalse();
    }

    [Fact]
    public async Task A_cookie_domain_drops_the_host_prefix_and_says_so()
    {
        await using var site = await StartAsync(e => e.MapExternalTransmissionNotice(), declare: o => o.Cookie.Domain = "example.com");
        var visitor = new Visitor(site.Server);
        await AcceptAllAsync(visitor, "https://localhost", "/external-transmission");
        var record = visitor.LastSetCookies.Should().ContainSingle(c => c.Name.Value == "__Secure-.ConsentKit").Subject;
        record.Domain.Value.Should().Be("example.com");
        site.Logs.Events.Should().Contain(e => e.Id.Id == ConsentKitEvents.CookieHostPrefixDropped.Id && e.Message.Contains("Domain=example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_record_cookie_settings_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Legal:ConsentKit:Cookie:SameSite"] = "Strict",
            ["Legal:ConsentKit:NoticePath"] = "/privacy/transmission",
        }).Build();
        await using var site = await StartAsync(
            e => e.MapExternalTransmissionNotice(),
            register: s => s.AddExternalTransmissionNotice(configuration.GetSection("Legal:ConsentKit"), o => Fixtures.Declare(o)));

        (await site.Server.CreateClient().GetAsync("/privacy/transmission")).StatusCode.Should().Be(HttpStatusCode.OK);
        var visitor = new Visitor(site.Server);
        var page = new HtmlParser().ParseDocument(await (await visitor.GetAsync("/page")).Content.ReadAsStringAsync());
        page.QuerySelector("form")!.GetAttribute("action").Should().Be("/privacy/transmission/choices");
        await AcceptAllAsync(visitor, "http://localhost", "/privacy/transmission");
        visitor.LastSetCookies.Should().ContainSingle(c => c.Name.Value == ".ConsentKit")
            .Which.SameSite.Should().Be(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
    }

    [Fact]
    public async Task The_configuration_overload_takes_a_section_alone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ck:Operator:Name"] = "株式会社設定",
            ["ck:NoticePath"] = "/from-config",
            ["ck:Cookie:SameSite"] = "Sometimes",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExternalTransmissionNotice(configuration.GetSection("ck"));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ExternalTransmissionOptions>>();
        var read = () => options.CurrentValue;
        // The bad value is reported as a declaration problem, naming the key, not silently ignored.
        read.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain("SameSite");
    }

    [Fact]
    public async Task A_site_text_override_shows_in_the_banner_encoded()
    {
        await using var site = await StartAsync(e => e.MapExternalTransmissionNotice(), declare: o =>
        {
            o.Text.Ja.BannerTitle = "外部送信のお知らせ <テスト>";
            o.Text.Overrides["ja:Accept"] = "送信を許可する";
            o.Text.En.NoticeLink = "About data we send";
        });
        site.Host.Services.GetRequiredService<ConsentLinks>().NoticeLinkText(NoticeLanguage.English)
            .Should().Be("利用者情報の外部送信について <span lang=\"en\">/ About data we send</span>");
        var page = await PageAsync(site.Server, "/page");
        page.QuerySelector("#ck-banner-title")!.TextContent.Should().Be("外部送信のお知らせ <テスト>");
        page.QuerySelector("#ck-banner-title")!.Children.Should().BeEmpty("a site's text is encoded, never markup");
        page.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).Should().Contain("送信を許可する").And.NotContain("同意する");
    }

    private sealed class ChoicesOnly;

    private sealed class Everywhere;
}
