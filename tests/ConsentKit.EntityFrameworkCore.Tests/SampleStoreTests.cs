using System.Net;
using System.Text.Json;
using ConsentKit.IntegrationTests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>The flagship sample with its SQLite store: the operator's admin pages and the visitor's own history.</summary>
public sealed class SampleStoreTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();
    private WebApplicationFactory<ConsentKit.Samples.RazorPages.SiteSecurityHeaders> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = Factory("Development");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _db.DisposeAsync();
    }

    private WebApplicationFactory<ConsentKit.Samples.RazorPages.SiteSecurityHeaders> Factory(string environment) =>
        new WebApplicationFactory<ConsentKit.Samples.RazorPages.SiteSecurityHeaders>().WithWebHostBuilder(b => b
            .UseEnvironment(environment)
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection([new(ConsentStoreFields.ConnectionString, _db.ConnectionString)])));

    private static async Task<string> ChooseAsync(Visitor visitor, string json)
    {
        var response = await visitor.PostJsonAsync("/external-transmission/choices", json, r => r.Headers.Add("Origin", "http://localhost"));
        return await StoreHost.ReceiptOfAsync(response);
    }

    private static async Task SignInAsync(Visitor visitor)
    {
        var page = await (await visitor.GetAsync("/admin/login")).HtmlAsync();
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await visitor.PostFormAsync("/admin/login", [new("__RequestVerificationToken", token), new("returnUrl", "/admin/records")]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task R24_TheAdminPagesAndExportsNeedThePolicy()
    {
        var visitor = new Visitor(_factory.Server);
        foreach (var path in new[] { "/admin/records", "/admin/records/export.csv", "/admin/records/export.json" })
        {
            var response = await visitor.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            response.Headers.Location!.OriginalString.Should().Contain("/admin/login");
        }
    }

    [Fact]
    public async Task R24_AnOperatorLooksUpAReceiptAndExportsADateRangeAsCsvAndJson()
    {
        var visitor = new Visitor(_factory.Server);
        var accepted = await ChooseAsync(visitor, """{"action":"accept-all"}""");
        var withdrawn = await ChooseAsync(visitor, """{"action":"withdraw","modules":["google-analytics"]}""");
        var admin = new Visitor(_factory.Server);
        await SignInAsync(admin);

        var page = await (await admin.GetAsync("/admin/records?receipt=" + withdrawn)).HtmlAsync();
        withdrawn.Should().Be(accepted, "one receipt per browser holds its whole history");
        page.QuerySelectorAll("#records tbody tr").Select(r => r.GetAttribute("data-action")).Should().Equal("AcceptAll", "Withdraw");
        page.QuerySelector("#records td.verified")!.TextContent.Should().Be("一致");
        (await (await admin.GetAsync("/admin/records?receipt=" + new string('0', 32))).HtmlAsync()).QuerySelector("#not-found").Should().NotBeNull();

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var csv = await (await admin.GetAsync($"/admin/records/export.csv?from={today}&to={today}")).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].TrimEnd('\r').Should().Be(ConsentRecordExport.CsvHeader);
        lines.Should().Contain(l => l.Contains(accepted) && l.Contains(",google-analytics,Consent,Allowed,"));
        lines.Should().Contain(l => l.Contains(withdrawn) && l.Contains(",google-analytics,Consent,Denied,"));
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");
        (await (await admin.GetAsync($"/admin/records/export.csv?from={yesterday}&to={yesterday}")).Content.ReadAsStringAsync())
            .Trim().Should().Be(ConsentRecordExport.CsvHeader, "nothing was recorded yesterday");

        using var json = JsonDocument.Parse(await (await admin.GetAsync($"/admin/records/export.json?from={today}&module=google-analytics")).Content.ReadAsStringAsync());
        json.RootElement.EnumerateArray().Select(r => r.GetProperty("receiptId").GetString()).Should().Equal(accepted, withdrawn);
    }

    [Fact]
    public async Task TheVisitorsPrivacyPageShowsTheirReceiptAndItsRecords()
    {
        var visitor = new Visitor(_factory.Server);
        (await (await visitor.GetAsync("/my-privacy")).HtmlAsync()).QuerySelector("#history").Should().BeNull();
        var receipt = await ChooseAsync(visitor, """{"action":"reject-all"}""");

        var page = await (await visitor.GetAsync("/my-privacy")).HtmlAsync();
        page.QuerySelector("#history caption")!.TextContent.Should().Contain(receipt);
        // The banner on the first page is proven when the browser comes back with its cookie (here: with the choice).
        page.QuerySelectorAll("#history tbody tr").Select(r => r.GetAttribute("data-action")).Should().Equal("RejectAll", "AcknowledgeNotice");
    }

    [Fact]
    public async Task TheDevelopmentSignInDoesNotExistInProduction()
    {
        await using var production = Factory("Production");
        var response = await new Visitor(production.Server).GetAsync("/admin/login");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
