using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Issue 17: the flagship sample calls <c>MapStaticAssets()</c> and <c>MapRazorPages().WithStaticAssets()</c>, so
/// ConsentKit's tags link its static web assets as the platform serves them: fingerprinted, with integrity, compressed,
/// cached for a year, under <c>PathBase</c>.
/// </summary>
public sealed class StaticAssetSampleTests(ProductionSampleFactory factory) : IClassFixture<ProductionSampleFactory>
{
    private static readonly Regex Fingerprinted = new(@"^/_content/ConsentKit/consentkit\.[a-z0-9]+\.(js|css)$", RegexOptions.CultureInvariant);

    [Fact]
    public async Task The_page_links_the_fingerprinted_assets_with_integrity_and_they_serve_exactly_those_bytes()
    {
        var client = factory.CreateClient();
        var doc = await (await client.GetAsync("/")).HtmlAsync();
        var script = doc.QuerySelector("script[src*='consentkit.']")!;
        var stylesheet = doc.QuerySelector("link[rel=stylesheet][href*='consentkit.']")!;

        foreach (var (url, integrity, file) in new[]
        {
            (script.GetAttribute("src")!, script.GetAttribute("integrity"), "consentkit.js"),
            (stylesheet.GetAttribute("href")!, stylesheet.GetAttribute("integrity"), "consentkit.css"),
        })
        {
            url.Should().MatchRegex(Fingerprinted.ToString());
            url.Should().NotContain("/external-transmission/assets/", "the platform serves the asset, not ConsentKit's own endpoint");
            integrity.Should().StartWith("sha256-");

            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.CacheControl!.ToString().Should().Contain("immutable");
            response.Headers.CacheControl!.MaxAge.Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(365));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            ("sha256-" + Convert.ToBase64String(SHA256.HashData(bytes))).Should().Be(integrity, "the browser checks the served bytes against it");
            bytes.Should().Equal(Embedded(file), "the platform's file and ConsentKit's fallback endpoint serve the same bytes");
        }
    }

    /// <summary>A build has the gzip variant; <c>dotnet publish</c> adds Brotli (checked by the package tests).</summary>
    [Theory]
    [InlineData("gzip")]
    public async Task The_platform_serves_a_compressed_variant(string encoding)
    {
        var client = factory.CreateClient();
        var doc = await (await client.GetAsync("/")).HtmlAsync();
        var url = doc.QuerySelector("script[src*='consentkit.']")!.GetAttribute("src")!;
        url.Should().MatchRegex(Fingerprinted.ToString(), "the platform's file, not ConsentKit's own endpoint (which compresses too)");

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().Equal(encoding);
        response.Headers.CacheControl!.ToString().Should().Contain("immutable");
        var compressed = await response.Content.ReadAsByteArrayAsync();
        compressed.Length.Should().BeLessThan(Embedded("consentkit.js").Length);
        using var input = new MemoryStream(compressed);
        using Stream decoder = encoding == "gzip" ? new GZipStream(input, CompressionMode.Decompress) : new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        await decoder.CopyToAsync(output);
        output.ToArray().Should().Equal(Embedded("consentkit.js"));
    }

    [Fact]
    public async Task The_fingerprinted_links_follow_PathBase()
    {
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, PathBaseFilter>()));
        var client = app.CreateClient();
        var doc = await (await client.GetAsync("/news/")).HtmlAsync();
        var src = doc.QuerySelector("script[src*='consentkit.']")!.GetAttribute("src")!;
        var href = doc.QuerySelector("link[rel=stylesheet][href*='consentkit.']")!.GetAttribute("href")!;

        src.Should().StartWith("/news/_content/ConsentKit/consentkit.");
        href.Should().StartWith("/news/_content/ConsentKit/consentkit.");
        src["/news".Length..].Should().MatchRegex(Fingerprinted.ToString());
        (await client.GetAsync(src)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(href)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task R34_The_policy_ConsentKit_writes_allows_the_fingerprinted_script_and_stylesheet()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/");
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToList());

        // Same origin: 'self' covers _content/ConsentKit/..., and the tags need neither a nonce nor a hash.
        directives["script-src"].Should().Contain("'self'");
        directives["style-src"].Should().Contain("'self'");
        var doc = await response.HtmlAsync();
        new Uri(new Uri("http://localhost/"), doc.QuerySelector("script[src*='consentkit.']")!.GetAttribute("src")).Host.Should().Be("localhost");
    }

    [Fact]
    public async Task Budget_ShippedJsAndCssAreEachAtMost3KBGzipped()
    {
        var client = factory.CreateClient();
        var doc = await (await client.GetAsync("/")).HtmlAsync();
        var css = doc.QuerySelector("link[href*='/_content/ConsentKit/consentkit.']")!.GetAttribute("href")!;
        var js = doc.QuerySelector("script[src*='/_content/ConsentKit/consentkit.']")!.GetAttribute("src")!;
        foreach (var url in new[] { css, js })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            var response = await client.SendAsync(request);
            response.Content.Headers.ContentEncoding.Should().Contain("gzip");
            (await response.Content.ReadAsByteArrayAsync()).Length.Should().BeLessThanOrEqualTo(3 * 1024, url);
        }
    }

    private static byte[] Embedded(string file)
    {
        using var stream = typeof(ConsentProtocol).Assembly.GetManifestResourceStream("ConsentKit." + file)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class PathBaseFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UsePathBase("/news");
            next(app);
        };
    }
}

/// <summary>
/// The flagship sample as a published site serves it. From a build, <c>MapStaticAssets</c> patches its answers so edits
/// show at once (<c>no-cache</c>, no integrity); a published app serves the manifest as built. These settings ask for the
/// published behaviour from the build output.
/// </summary>
public sealed class ProductionSampleFactory : WebApplicationFactory<ConsentKit.Samples.RazorPages.SiteSecurityHeaders>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets();
        builder.UseSetting("ReloadStaticAssetsAtRuntime", "false");
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        builder.UseSetting("EnableStaticAssetsDevelopmentIntegrity", "true");
    }
}
