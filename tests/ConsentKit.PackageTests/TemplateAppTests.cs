using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ConsentKit.PackageTests;

/// <summary>
/// A new user's first hour: `dotnet new webapp` or `dotnet new mvc` (offline; the templates ship with the SDK), the
/// packed ConsentKit package from the temporary feed (no project reference), README's quick start pasted in as written
/// (for MVC with the template's own two lines for controllers in place of Razor Pages'), then the app run on 127.0.0.1
/// as a browser without JavaScript sees it. Both apps restore from the same packed feed and package folder.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class TemplateAppTests(PackedPackages packages)
{
    [Fact]
    public Task R14_R16_A_new_webapp_with_the_packed_package_and_the_readme_quick_start_shows_the_notice_and_the_banner_and_gates_until_accept_all() =>
        CheckTemplateAppAsync("webapp", "QuickStartSite", viewsFolder: "Pages", DocSnippets.Named("quick-start").Code, otherPage: "/Privacy");

    [Fact]
    public Task R14_R16_A_new_mvc_app_with_the_packed_package_and_the_readme_quick_start_shows_the_notice_and_the_banner_and_gates_until_accept_all() =>
        CheckTemplateAppAsync("mvc", "QuickStartMvc", viewsFolder: "Views", ForMvc(DocSnippets.Named("quick-start").Code), otherPage: "/Home/Privacy");

    /// <summary>README's Program.cs with controllers and views in place of Razor Pages, as `dotnet new mvc` writes them.</summary>
    private static string ForMvc(string program)
    {
        const string Pages = "builder.Services.AddRazorPages();";
        const string MapPages = "app.MapRazorPages().WithStaticAssets();";
        program.Should().Contain(Pages).And.Contain(MapPages, "the quick start's Razor Pages lines are what MVC replaces");
        return program
            .Replace(Pages, "builder.Services.AddControllersWithViews();")
            .Replace(MapPages, "app.MapControllerRoute(name: \"default\", pattern: \"{controller=Home}/{action=Index}/{id?}\").WithStaticAssets();");
    }

    private async Task CheckTemplateAppAsync(string template, string name, string viewsFolder, string program, string otherPage)
    {
        var dir = Path.Combine(packages.Root, template);
        await Cli.RunAsync(packages.Root, ["new", template, "-o", dir, "-n", name, "--no-restore", "--no-update-check"]);

        // README: dotnet add package ConsentKit (written into the project file: the same result, without a network round trip).
        var csproj = Path.Combine(dir, name + ".csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("</Project>",
            $"  <ItemGroup>\n    <PackageReference Include=\"ConsentKit\" Version=\"{packages.Version}\" />\n  </ItemGroup>\n</Project>"));

        // README's quick start, as written: Program.cs whole; the layout's <head> and <body> parts into the template's
        // layout; the tag helpers registered in the template's _ViewImports.cshtml.
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        var layoutSnippet = DocSnippets.Named("quick-start-layout").Code;
        var layoutPath = Path.Combine(dir, viewsFolder, "Shared", "_Layout.cshtml");
        var layout = File.ReadAllText(layoutPath)
            .Replace("</head>", Inner(layoutSnippet, "head") + "\n</head>")
            .Replace("</body>", Inner(layoutSnippet, "body") + "\n</body>");
        File.WriteAllText(layoutPath, layout);
        var viewImports = Path.Combine(dir, viewsFolder, "_ViewImports.cshtml");
        File.Exists(viewImports).Should().BeTrue($"`dotnet new {template}` writes {viewsFolder}/_ViewImports.cshtml");
        File.AppendAllText(viewImports, "\n@addTagHelper *, ConsentKit\n");

        await Cli.RunAsync(dir, ["build", "--configfile", packages.NuGetConfig, "--disable-build-servers", "-nologo"], timeoutSeconds: 300);
        var built = Directory.GetFiles(Path.Combine(dir, "bin"), "ConsentKit.dll", SearchOption.AllDirectories);
        built.Should().NotBeEmpty().And.OnlyContain(f => !f.Contains(Path.Combine("src", "ConsentKit")), "the app uses the packed package");
        File.ReadAllText(Path.Combine(dir, "obj", "project.assets.json")).Should().Contain($"\"ConsentKit/{packages.Version}\"");

        await using var app = await RunningApp.StartAsync(dir, name + ".dll");
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };

        // The notice the law requires, from the declaration.
        var notice = await client.GetAsync("/external-transmission");
        notice.StatusCode.Should().Be(HttpStatusCode.OK, app.Log);
        var noticeHtml = await notice.Content.ReadAsStringAsync();
        noticeHtml.Should().Contain("Google アナリティクス").And.Contain("Google LLC").And.Contain("どの記事がどれだけ読まれているかを集計するため");

        // First visit: the banner, the link to the notice, and gated modules inert, on the home page and on another page
        // of the same layout (another Razor page, or another controller's action).
        foreach (var path in new[] { "/", otherPage })
        {
            var page = await Page(client, path, app);
            page.QuerySelector("#ck-banner").Should().NotBeNull($"the banner is in the first HTML of {path}\n" + app.Log);
            page.QuerySelector("a[href='/external-transmission']").Should().NotBeNull("the footer links to the notice");
            Runnable(page).Should().NotContain(src => src.Contains("googletagmanager.com"), "Google Analytics waits for consent");
            page.QuerySelectorAll("script[type='text/plain'][data-ck-module=google-analytics]").Should().NotBeEmpty("the gated script is there, inert");
        }

        var first = await Page(client, "/", app);
        first.QuerySelector("iframe[src*='youtube']").Should().BeNull("the YouTube embed waits for consent");
        first.QuerySelector("template[data-ck-module=youtube]").Should().NotBeNull();
        ConsentModeDefault(first).Should().Contain("\"analytics_storage\":\"denied\"", "<consent-mode-default /> reports the module that maps to Consent Mode");

        // Accept all, as a browser without JavaScript posts the banner's form (same origin, with every hidden field it carries).
        var form = first.QuerySelector("form.ck-banner-actions")!;
        form.Should().NotBeNull();
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("action", "accept-all"));
        using var post = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Origin", app.BaseUrl);
        post.Headers.Referrer = new Uri(app.BaseUrl + "/");
        var chosen = await client.SendAsync(post);
        chosen.StatusCode.Should().Be(HttpStatusCode.SeeOther, await chosen.Content.ReadAsStringAsync() + "\n" + app.Log);

        var after = await Page(client, "/", app);
        after.QuerySelector("#ck-banner").Should().BeNull("nothing is pending any more");
        after.QuerySelectorAll("[data-ck-module]").Should().BeEmpty();
        Runnable(after).Should().Contain(src => src.Contains("googletagmanager.com/gtag/js"), "Google Analytics is live after accept-all");
        after.QuerySelector("iframe[src*='youtube-nocookie.com']").Should().NotBeNull("the YouTube embed is live after accept-all");
        ConsentModeDefault(after).Should().Contain("\"analytics_storage\":\"granted\"");
        Runnable(await Page(client, otherPage, app)).Should().Contain(src => src.Contains("googletagmanager.com/gtag/js"), "the choice holds on every page");
        app.Log.Should().NotContain("fail:", "the quick start runs without errors in the log");
    }

    private static string Inner(string html, string element)
    {
        var match = Regex.Match(html, $@"<{element}>(?<inner>.*)</{element}>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the layout snippet has a <{element}>");
        return match.Groups["inner"].Value;
    }

    private static async Task<IDocument> Page(HttpClient client, string path, RunningApp app)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html + "\n" + app.Log);
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>The sources a browser would fetch on its own.</summary>
    private static List<string> Runnable(IDocument doc) =>
        doc.QuerySelectorAll("script[src], iframe[src], img[src]")
            .Where(e => !(e.LocalName == "script" && e.GetAttribute("type") == "text/plain"))
            .Select(e => e.GetAttribute("src")!)
            .ToList();

    private static string ConsentModeDefault(IDocument doc) =>
        doc.QuerySelectorAll("script:not([src])").Select(s => s.TextContent).FirstOrDefault(t => t.Contains("\"default\"")) ?? "";
}

/// <summary>A built app started with `dotnet App.dll` on a free loopback port; disposing it kills it (and anything it started).</summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private RunningApp(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Log { get { lock (log) { return log.ToString(); } } }

    /// <param name="projectDir">The project; the app runs from it (its content root) unless <paramref name="publishDir"/> is given.</param>
    /// <param name="dll">The app's assembly, found under the project's <c>bin</c>, or in <paramref name="publishDir"/>.</param>
    /// <param name="publishDir">A <c>dotnet publish</c> output: the app runs from there, in Production.</param>
    public static async Task<RunningApp> StartAsync(string projectDir, string dll, string? publishDir = null)
    {
        var path = Directory.GetFiles(publishDir ?? Path.Combine(projectDir, "bin"), dll, publishDir is null ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Single();
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = Cli.StartInfo(publishDir ?? projectDir, [path, "--urls", baseUrl], new Dictionary<string, string>
        {
            // Development: static web assets from bin (the template's and ConsentKit's), as `dotnet run` would.
            // Published: Production, the assets and the manifest from the publish folder, as a server runs it.
            ["ASPNETCORE_ENVIRONMENT"] = publishDir is null ? "Development" : "Production",
            ["Logging__Console__FormatterName"] = "simple",
        });
        var process = new Process { StartInfo = start };
        var app = new RunningApp(process, baseUrl);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (app.log) { app.log.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (app.log) { app.log.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                await app.DisposeAsync();
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before it answered:\n{app.Log}");
            }

            try
            {
                using var response = await probe.GetAsync(baseUrl + "/external-transmission.json");
                return app;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await app.DisposeAsync();
                throw new TimeoutException($"The app did not answer at {baseUrl} within 90 s:\n{app.Log}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }
}
