using System.Net;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>Issue 11 §6: return addresses a real site has (Japanese, long), and request text in logs.</summary>
public class ReturnAddressAndLogTests
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private static async Task<(string Token, string ReturnUrl)> BannerFormAsync(Visitor visitor, string page)
    {
        var doc = await (await visitor.GetAsync(page)).HtmlAsync();
        var form = doc.QuerySelector("#choice-analytics form")!;
        return ((form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? ""),
                form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value")!);
    }

    [Theory]
    [InlineData("/記事/日本語")]
    [InlineData("/a\u3000b")]
    [InlineData("/a\u2028b?q=東京")]
    [InlineData("/😀")]
    public async Task ANonAsciiReturnAddressIsPercentEncodedInTheRedirect(string returnUrl)
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var (token, _) = await BannerFormAsync(visitor, "/external-transmission");

        var response = await visitor.PostFormAsync("/external-transmission/choices", [F("__RequestVerificationToken", token), F("action", "reject-all"), F("returnUrl", returnUrl)]);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var location = response.Headers.GetValues("Location").Single();
        location.Should().MatchRegex("^[\\x21-\\x7E]+$", "a header is printable ASCII");
        Uri.UnescapeDataString(location).Should().Be(returnUrl);
    }

    [Fact]
    public async Task AReturnAddressOfSeveralHundredJapaneseCharactersStillWorksWithoutJavaScript()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var page = "/external-transmission?q=" + Uri.EscapeDataString(new string('記', 140)) + "&p=" + Uri.EscapeDataString(new string('語', 140));
        var (token, returnUrl) = await BannerFormAsync(visitor, page);

        var response = await visitor.PostFormAsync("/external-transmission/choices", [F("__RequestVerificationToken", token), F("action", "reject-all"), F("returnUrl", returnUrl)]);

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther, "a long address is never a 400");
        response.Headers.Location!.OriginalString.Should().StartWith("/external-transmission");
    }

    [Fact]
    public async Task AnOverLongReturnAddressFallsBackToThePagesPath()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        var (token, returnUrl) = await BannerFormAsync(visitor, "/external-transmission?q=" + Uri.EscapeDataString(new string('記', 1500)));

        returnUrl.Should().StartWith("/external-transmission").And.NotContain("q=", "the query is dropped, the path kept");
        var response = await visitor.PostFormAsync("/external-transmission/choices", [F("__RequestVerificationToken", token), F("action", "reject-all"), F("returnUrl", returnUrl)]);
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task ModuleIdsFromARequestAreEscapedInLogs()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        const string json = """{"action":"grant","modules":["x\r\n2026-01-01 forged entry","\u001b[31mred","nul\u0000","\u202Eevil","line\u2028sep"]}""";

        await visitor.PostJsonAsync("/external-transmission/choices", json, r => r.Headers.Add("Origin", "http://localhost"));

        var message = host.Logs.Events.Single(e => e.Id.Id == 201).Message;
        message.Should().NotContainAny("\r", "\n", "\u001b", "\u0000", "\u202E", "\u2028");
        message.Should().Contain("\\u000d\\u000a").And.Contain("\\u001b").And.Contain("\\u202e");
    }
}
