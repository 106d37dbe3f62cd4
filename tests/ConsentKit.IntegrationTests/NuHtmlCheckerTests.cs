using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// The flagship's pages pass the Nu HTML Checker (vnu.jar, installed by ./test.sh from the npm package vnu-jar):
/// the first-visit page, the returning-visitor page and both notice pages.
/// </summary>
public class NuHtmlCheckerTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private static string JarPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsentKit.sln")))
        {
            dir = dir.Parent;
        }

        var jar = Path.Combine(dir?.FullName ?? ".", ".tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        File.Exists(jar).Should().BeTrue($"the Nu HTML Checker is needed at {jar}; ./test.sh installs it (npm package vnu-jar and a JRE)");
        return jar;
    }

    [Fact]
    public async Task FirstVisitReturningAndNoticePagesHaveNoHtmlErrors()
    {
        var jar = JarPath();
        var folder = Directory.CreateTempSubdirectory("ck-vnu-");
        try
        {
            var firstVisit = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var returning = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
            var page = await returning.GetStringAsync("/articles/harbor-festival");
            var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page);
            var form = doc.QuerySelector("form.ck-banner-actions")!;
            var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
            fields.Add(new("action", "accept-all"));
            (await returning.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).EnsureSuccessStatusCode();

            var pages = new Dictionary<string, string>
            {
                ["first-visit.html"] = await firstVisit.GetStringAsync("/articles/harbor-festival"),
                ["returning.html"] = await returning.GetStringAsync("/articles/harbor-festival"),
                ["notice-ja.html"] = await firstVisit.GetStringAsync("/external-transmission"),
                ["notice-en.html"] = await firstVisit.GetStringAsync("/external-transmission?lang=en"),
            };
            pages["first-visit.html"].Should().Contain("ck-banner", "the first visit shows the banner");
            pages["first-visit.html"].Should().Contain("data-ck-module", "the first visit has inert gated markup");
            foreach (var (name, html) in pages)
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, name), html);
            }

            var errors = await RunCheckerAsync(jar, pages.Keys.Select(n => Path.Combine(folder.FullName, n)));
            errors.Should().BeEmpty();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<string>> RunCheckerAsync(string jar, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-jar", jar, "--errors-only", "--format", "json" }.Concat(files))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = (await stderr).Trim().Length > 0 ? await stderr : stdout;
        using var report = JsonDocument.Parse(json);
        return report.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() == "error")
            .Select(m => $"{Path.GetFileName(m.TryGetProperty("url", out var u) ? u.GetString() : "?")}:{(m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
            .ToList();
    }
}
