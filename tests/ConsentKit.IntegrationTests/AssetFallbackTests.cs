using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
#if NET9_0_OR_GREATER
using Microsoft.AspNetCore.Components;
#endif

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Issue 17: where the platform has no asset collection for the page (.NET 8, or no <c>MapStaticAssets</c> /
/// <c>WithStaticAssets</c>), ConsentKit links and serves its own asset endpoint as before, quietly; where the page's
/// collection has ConsentKit's files, their fingerprinted URL and integrity are written under <c>PathBase</c>; where the
/// collection lacks them, the fallback is used and a warning says so, once.
/// </summary>
public sealed class AssetFallbackTests
{
    private static async Task<(IHost Host, LogSink Logs)> StartAsync(string? pathBase = null, object? pageMetadata = null, Action<IEndpointRouteBuilder>? more = null)
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
                    s.AddExternalTransmissionNotice(o => Fixtures.Declare(o));
                })
                .Configure(app =>
                {
                    if (pathBase is not null)
                    {
                        app.UsePathBase(pathBase);
                    }

                    app.UseExternalTransmissionNotice();
                    app.UseRouting();
                    app.UseEndpoints(e =>
                    {
                        e.MapExternalTransmissionNotice();
                        var page = e.MapGet("/page", BannerPage);
                        if (pageMetadata is not null)
                        {
                            page.WithMetadata(pageMetadata);
                        }

                        more?.Invoke(e);
                    });
                }))
            .Build();
        await host.StartAsync();
        return (host, logs);
    }

    private static IResult BannerPage(HttpContext context, ConsentMarkup markup)
    {
        var feature = context.GetExternalTransmissionInternal();
        var model = markup.BannerModel(context, feature, NoticeLanguage.Japanese);
        return Results.Content("<!DOCTYPE html><html lang=\"ja\"><head><title>t</title></head><body>" + markup.BannerText(context, model) + "</body></html>", "text/html; charset=utf-8");
    }

    private static async Task<AngleSharp.Dom.IDocument> PageAsync(IHost host, string path) =>
        new HtmlParser().ParseDocument(await host.GetTestServer().CreateClient().GetStringAsync(path));

    [Fact]
    public async Task Without_an_asset_collection_the_page_links_ConsentKits_own_endpoint_as_before_and_says_nothing()
    {
        var (host, logs) = await StartAsync(pathBase: "/site");
        using var _ = host;
        var page = await PageAsync(host, "/site/page");
        var script = page.QuerySelector("script[src]")!;
        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!;

        script.GetAttribute("src").Should().MatchRegex(@"^/site/external-transmission/assets/consentkit\.[0-9a-f]{12}\.js$");
        stylesheet.GetAttribute("href").Should().MatchRegex(@"^/site/external-transmission/assets/consentkit\.[0-9a-f]{12}\.css$");
        script.HasAttribute("integrity").Should().BeFalse();
        stylesheet.HasAttribute("integrity").Should().BeFalse();

        var client = host.GetTestServer().CreateClient();
        var response = await client.GetAsync(script.GetAttribute("src"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.ToString().Should().Contain("immutable");
        (await client.GetAsync(stylesheet.GetAttribute("href"))).StatusCode.Should().Be(HttpStatusCode.OK);
        logs.Events.Should().NotContain(e => e.Id.Id == ConsentKitEvents.StaticAssetsMissing.Id, "a site without MapStaticAssets is a supported setup");
        await host.StopAsync();
    }

#if NET9_0_OR_GREATER
    private static ResourceAssetCollection Collection(params (string Url, string Label, string Integrity)[] assets) =>
        new(assets.SelectMany(a => new[]
        {
            new ResourceAsset(a.Url, [new ResourceAssetProperty("label", a.Label), new ResourceAssetProperty("integrity", a.Integrity)]),
            new ResourceAsset(a.Label, [new ResourceAssetProperty("integrity", a.Integrity)]),
        }).ToList());

    [Fact]
    public async Task With_the_pages_asset_collection_the_fingerprinted_URLs_and_integrity_are_written_under_PathBase()
    {
        var collection = Collection(
            ("_content/ConsentKit/consentkit.abc123.js", "_content/ConsentKit/consentkit.js", "sha256-SCRIPT="),
            ("_content/ConsentKit/consentkit.def456.css", "_content/ConsentKit/consentkit.css", "sha256-STYLE="));
        var (host, logs) = await StartAsync(pathBase: "/site", pageMetadata: collection);
        using var _ = host;
        var page = await PageAsync(host, "/site/page");

        var script = page.QuerySelector("script[src]")!;
        script.GetAttribute("src").Should().Be("/site/_content/ConsentKit/consentkit.abc123.js");
        script.GetAttribute("integrity").Should().Be("sha256-SCRIPT=");
        script.GetAttribute(ConsentProtocol.Attributes.Choices).Should().Be("/site/external-transmission/choices", "only the assets move");
        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!;
        stylesheet.GetAttribute("href").Should().Be("/site/_content/ConsentKit/consentkit.def456.css");
        stylesheet.GetAttribute("integrity").Should().Be("sha256-STYLE=");
        logs.Events.Should().NotContain(e => e.Level >= LogLevel.Warning);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_collection_without_ConsentKits_files_falls_back_to_its_own_endpoint_and_warns_once()
    {
        var collection = Collection(("css/site.0a1b2c.css", "css/site.css", "sha256-SITE="));
        var (host, logs) = await StartAsync(pageMetadata: collection);
        using var _ = host;
        var page = await PageAsync(host, "/page");
        await PageAsync(host, "/page");

        var src = page.QuerySelector("script[src]")!.GetAttribute("src")!;
        src.Should().StartWith("/external-transmission/assets/consentkit.");
        page.QuerySelector("script[src]")!.HasAttribute("integrity").Should().BeFalse();
        (await host.GetTestServer().CreateClient().GetAsync(src)).StatusCode.Should().Be(HttpStatusCode.OK);
        logs.Events.Where(e => e.Id.Id == ConsentKitEvents.StaticAssetsMissing.Id).Should().ContainSingle()
            .Which.Level.Should().Be(LogLevel.Warning);
        await host.StopAsync();
    }

    /// <summary>An endpoint as MapStaticAssets maps it: the asset's descriptor, with a Content-Encoding selector for a compressed variant.</summary>
    private static void MapAsset(IEndpointRouteBuilder e, string route, string integrity, string? encoding)
    {
        var descriptor = new Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor
        {
            Route = route,
            AssetPath = route,
            Selectors = encoding is null ? [] : [new Microsoft.AspNetCore.StaticAssets.StaticAssetSelector("Content-Encoding", encoding, "1.0")],
            Properties = encoding is null ? [new Microsoft.AspNetCore.StaticAssets.StaticAssetProperty("integrity", integrity)] : [],
            ResponseHeaders = [],
        };
        e.MapGet("/" + route + (encoding is null ? "" : "." + encoding), () => Results.Ok()).WithMetadata(descriptor);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_fingerprinted_asset_the_platform_sends_uncompressed_is_replaced_by_ConsentKits_compressed_endpoint(bool compressed)
    {
        // As an app that references the package gets it from SDK 10.0.401: the fingerprinted route has no .gz/.br.
        var collection = new ResourceAssetCollection([
            new ResourceAsset("_content/ConsentKit/consentkit.abc123.js", [new ResourceAssetProperty("label", "_content/ConsentKit/consentkit.js")]),
            new ResourceAsset("_content/ConsentKit/consentkit.def456.css", [new ResourceAssetProperty("label", "_content/ConsentKit/consentkit.css")]),
        ]);
        var (host, logs) = await StartAsync(pageMetadata: collection, more: e =>
        {
            MapAsset(e, "_content/ConsentKit/consentkit.abc123.js", "sha256-SCRIPT=", null);
            MapAsset(e, "_content/ConsentKit/consentkit.def456.css", "sha256-STYLE=", null);
            if (compressed)
            {
                MapAsset(e, "_content/ConsentKit/consentkit.abc123.js", "", "gzip");
                MapAsset(e, "_content/ConsentKit/consentkit.def456.css", "", "gzip");
            }
        });
        using var _ = host;
        var page = await PageAsync(host, "/page");
        await PageAsync(host, "/page");

        var script = page.QuerySelector("script[src]")!;
        if (compressed)
        {
            script.GetAttribute("src").Should().Be("/_content/ConsentKit/consentkit.abc123.js");
            script.GetAttribute("integrity").Should().Be("sha256-SCRIPT=");
            logs.Events.Should().NotContain(e => e.Id.Id == ConsentKitEvents.StaticAssetsUncompressed.Id);
        }
        else
        {
            script.GetAttribute("src").Should().StartWith("/external-transmission/assets/consentkit.", "ConsentKit's own endpoint sends it gzipped");
            logs.Events.Where(e => e.Id.Id == ConsentKitEvents.StaticAssetsUncompressed.Id).Should().ContainSingle()
                .Which.Level.Should().Be(LogLevel.Information);
        }

        await host.StopAsync();
    }
#endif
}
