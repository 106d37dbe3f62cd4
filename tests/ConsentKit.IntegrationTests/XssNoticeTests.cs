using System.Text.Json;
using AngleSharp.Dom;
using ConsentKit.Tests;

namespace ConsentKit.IntegrationTests;

public class XssNoticeTests
{
    private static void AssertInert(IDocument doc)
    {
        doc.QuerySelectorAll("img, textarea, script").Should().BeEmpty("no declared text may open an element");
        doc.All.SelectMany(e => e.Attributes).Should().NotContain(a => a.Name.StartsWith("on"));
        doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Should().NotContain(h => h.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?lang=en")]
    public async Task NoticePageEncodesEveryDeclaredText(string query)
    {
        await using var host = await TestHost.StartAsync(declare: o => Payloads.Hostile(o));
        var doc = await (await new Visitor(host.Server).GetAsync("/external-transmission" + query)).HtmlAsync();
        AssertInert(doc);
        doc.Title.Should().Contain(query == "" ? "株式会社" + Payloads.Html : "Operator" + Payloads.Html);
        var module = doc.QuerySelector("#module-evil")!;
        module.QuerySelector("h3")!.TextContent.Should().Be(query == "" ? "名前" + Payloads.Html : "Name" + Payloads.Html);
        module.QuerySelector("a[rel~=external]")!.GetAttribute("href").Should().Be("https://example.com/p?q=\"><script>alert(1)</script>");
        doc.QuerySelector("#module-evil-optout a[href^='https://example.com/optout']").Should().NotBeNull();
        doc.QuerySelector(".ck-contact")!.TextContent.Should().Contain("javascript:alert(1)", "shown as text, never as a link");
    }

    [Fact]
    public async Task NoticeJsonCarriesTheExactTextsEscapedForAnyContext()
    {
        await using var host = await TestHost.StartAsync(declare: o => Payloads.Hostile(o));
        var raw = await (await new Visitor(host.Server).GetAsync("/external-transmission.json")).Content.ReadAsStringAsync();
        raw.Should().NotContain("<").And.NotContain(">");
        using var json = JsonDocument.Parse(raw);
        json.RootElement.GetProperty("modules")[0].GetProperty("name").GetProperty("ja").GetString().Should().Be("名前" + Payloads.Html);
    }

    [Fact]
    public async Task ChoicesEndpointJsonIsEscaped()
    {
        await using var host = await TestHost.StartAsync(declare: o => Payloads.Hostile(o));
        var response = await new Visitor(host.Server).PostJsonAsync("/external-transmission/choices",
            """{"action":"grant","modules":["<script>alert(1)</script>"]}""", r => r.Headers.Add("Origin", "http://localhost"));
        var raw = await response.Content.ReadAsStringAsync();
        raw.Should().NotContain("<script>").And.Contain("\\u003Cscript\\u003E");
    }
}
