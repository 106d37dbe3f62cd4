using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace ConsentKit.PackageTests;

/// <summary>
/// Issue 17: the ConsentKit package is a Razor class library whose client files are static web assets, so an app that
/// calls <c>MapStaticAssets()</c> serves them itself (fingerprinted, compressed, immutable) and ConsentKit's tags link
/// them with their integrity value.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class StaticAssetPackageTests(PackedPackages packages)
{
    [Fact]
    public void The_package_carries_the_static_web_assets_and_the_build_files_that_register_them()
    {
        using var package = ZipFile.OpenRead(packages.PackageFile("ConsentKit"));
        var names = package.Entries.Select(e => e.FullName).ToList();
        names.Should().Contain("staticwebassets/consentkit.js").And.Contain("staticwebassets/consentkit.css");
        names.Should().Contain("build/Microsoft.AspNetCore.StaticWebAssets.props").And.Contain("build/Microsoft.AspNetCore.StaticWebAssetEndpoints.props");
        names.Should().Contain("build/ConsentKit.props").And.Contain("buildTransitive/ConsentKit.props").And.Contain("buildMultiTargeting/ConsentKit.props");
        names.Should().Contain("lib/net8.0/ConsentKit.dll").And.Contain("lib/net10.0/ConsentKit.dll");

        using var reader = new StreamReader(package.GetEntry("build/Microsoft.AspNetCore.StaticWebAssets.props")!.Open());
        reader.ReadToEnd().Should().Contain("_content/ConsentKit").And.Contain("consentkit.js").And.Contain("consentkit.css");
    }

    [Fact]
    public async Task A_published_webapp_with_the_quick_start_links_fingerprinted_compressed_assets()
    {
        var dir = Path.Combine(packages.Root, "webapp-published");
        await Cli.RunAsync(packages.Root, ["new", "webapp", "-o", dir, "-n", "PublishedSite", "--no-restore", "--no-update-check"]);
        var csproj = Path.Combine(dir, "PublishedSite.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("</Project>",
            $"  <ItemGroup>\n    <PackageReference Include=\"ConsentKit\" Version=\"{packages.Version}\" />\n  </ItemGroup>\n</Project>"));
        File.WriteAllText(Path.Combine(dir, "Program.cs"), DocSnippets.Named("quick-start").Code);
        var layoutSnippet = DocSnippets.Named("quick-start-layout").Code;
        var layoutPath = Path.Combine(dir, "Pages", "Shared", "_Layout.cshtml");
        File.WriteAllText(layoutPath, File.ReadAllText(layoutPath)
            .Replace("</head>", Inner(layoutSnippet, "head") + "\n</head>")
            .Replace("</body>", Inner(layoutSnippet, "body") + "\n</body>"));
        File.AppendAllText(Path.Combine(dir, "Pages", "_ViewImports.cshtml"), "\n@addTagHelper *, ConsentKit\n");

        var publish = Path.Combine(dir, "publish");
        await Cli.RunAsync(dir, ["publish", "-c", "Release", "-o", publish, "--configfile", packages.NuGetConfig, "--disable-build-servers", "-nologo"], timeoutSeconds: 420);
        File.Exists(Path.Combine(publish, "wwwroot", "_content", "ConsentKit", "consentkit.js")).Should().BeTrue("publish copies the package's assets");

        await using var app = await RunningApp.StartAsync(dir, "PublishedSite.dll", publishDir: publish);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(app.BaseUrl) };
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html + "\n" + app.Log);
        var doc = new HtmlParser().ParseDocument(html);

        var script = doc.QuerySelector("script[src*='consentkit.']")!;
        var stylesheet = doc.QuerySelector("link[rel=stylesheet][href*='consentkit.']")!;
        script.Should().NotBeNull(app.Log);
        foreach (var (url, integrity) in new[] { (script.GetAttribute("src")!, script.GetAttribute("integrity")), (stylesheet.GetAttribute("href")!, stylesheet.GetAttribute("integrity")) })
        {
            var plain = await client.GetAsync(url);
            plain.StatusCode.Should().Be(HttpStatusCode.OK);
            plain.Headers.CacheControl!.ToString().Should().Contain("immutable").And.Contain("max-age=31536000");
            var bytes = await plain.Content.ReadAsByteArrayAsync();

            // SDK 10.0.401 attaches the .gz/.br that publish writes only to the plain route of a package's assets
            // (_content/ConsentKit/consentkit.js), not to the fingerprinted one (with a project reference both have
            // them: see the integration tests). ConsentKit then links its own endpoint, which is fingerprinted,
            // immutable and compressed, and says so once (event 611). When the SDK attaches them, the fingerprinted
            // URL with its integrity value is linked, and this test checks that branch instead.
            if (Regex.IsMatch(url, @"^/_content/ConsentKit/consentkit\.[a-z0-9]+\.(js|css)$"))
            {
                integrity.Should().StartWith("sha256-", url);
                ("sha256-" + Convert.ToBase64String(SHA256.HashData(bytes))).Should().Be(integrity, "the browser checks the bytes against the page's integrity value");
            }
            else
            {
                app.Log.Should().Contain("StaticWebAssetLinks[611]", "the fallback to ConsentKit's own endpoint is said (event 611)");
                url.Should().NotContain("_content/", "the uncompressed fingerprinted route is not linked");
            }

            foreach (var encoding in new[] { "gzip" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.AcceptEncoding.ParseAdd(encoding);
                var compressed = await client.SendAsync(request);
                compressed.Content.Headers.ContentEncoding.Should().Equal([encoding], url + " is sent compressed");
                (await compressed.Content.ReadAsByteArrayAsync()).Length.Should().BeLessThan(bytes.Length);
            }

            // The platform still compresses the plain route of the package's files.
            var plainRoute = "/_content/ConsentKit/consentkit." + (url.Contains(".css", StringComparison.Ordinal) ? "css" : "js");
            foreach (var encoding in new[] { "br", "gzip" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, plainRoute);
                request.Headers.AcceptEncoding.ParseAdd(encoding);
                var compressed = await client.SendAsync(request);
                compressed.Content.Headers.ContentEncoding.Should().Equal([encoding], plainRoute);
            }
        }

        app.Log.Should().NotContain("fail:").And.NotContain("StaticAssetsMissing");
    }

    private static string Inner(string html, string element)
    {
        var match = Regex.Match(html, $@"<{element}>(?<inner>.*)</{element}>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the layout snippet has a <{element}>");
        return match.Groups["inner"].Value;
    }
}
