using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Npgsql;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>
/// Two processes of the flagship sample on two ports, one PostgreSQL database: the key ring and the proof are shared,
/// so a choice made on one server holds on the other, and choices sent to both at once are all kept.
/// </summary>
public sealed class TwoInstanceTests
{
    private static readonly HttpClient Http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

    private static async Task<(string Receipt, string Cookie)> ChooseAsync(SampleProcess server, string json, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Url + "/external-transmission/choices")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", server.Url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, server.Output);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".ConsentKit=", StringComparison.Ordinal));
        return (body.RootElement.GetProperty("receipt").GetString()!, setCookie.Split(';')[0]);
    }

    private static async Task<List<string>> ActionsOfAsync(string connectionString, params string[] receipts)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Action" FROM "ConsentKitRecords" WHERE "ReceiptId" = ANY(@r) ORDER BY "Action" """, connection);
        command.Parameters.AddWithValue("r", receipts);
        var actions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }

    [Fact]
    public async Task R25_AChoiceOnOneServerHoldsOnTheOtherAndAWithdrawalAndAGrantSentAtOnceAreBothKept()
    {
        await using var db = await TestDatabase.CreateAsync(ConsentStoreProvider.PostgreSQL);
        // Started together: both apply the migrations to the same empty database at once (EF Core's migration lock).
        var servers = await SampleProcess.StartAllAsync(2, db.ConnectionString);
        await using var a = servers[0];
        await using var b = servers[1];

        var (first, cookie) = await ChooseAsync(a, """{"action":"accept-all"}""", null);

        // Started together on an empty key ring, each server may create a key of its own; a server reads the ring again
        // at most every 5 s when a record names a key it has not seen (until then the record reads as unreadable: held,
        // never granted). So B is asked for up to 10 s.
        AngleSharp.Html.Dom.IHtmlDocument page;
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var privacy = new HttpRequestMessage(HttpMethod.Get, b.Url + "/my-privacy");
            privacy.Headers.Add("Cookie", cookie);
            page = new HtmlParser().ParseDocument(await (await Http.SendAsync(privacy)).Content.ReadAsStringAsync());
            if (page.QuerySelector("tr[data-module=google-analytics] td")?.TextContent == "送信します" || DateTime.UtcNow > until)
            {
                break;
            }

            await Task.Delay(500);
        }

        page.QuerySelector("tr[data-module=google-analytics] td")!.TextContent.Should().Be("送信します", "server B opens the cookie server A wrote, with the shared key ring");
        page.QuerySelectorAll("#history tbody tr").Select(r => r.GetAttribute("data-action")).Should().Equal(["AcceptAll"], "server B reads the proof server A wrote");

        var withdrawal = ChooseAsync(b, """{"action":"withdraw","modules":["google-analytics"]}""", cookie);
        var grant = ChooseAsync(a, """{"action":"grant","modules":["google-analytics"]}""", cookie);
        var both = await Task.WhenAll(withdrawal, grant);

        (await ActionsOfAsync(db.ConnectionString, first, both[0].Receipt, both[1].Receipt)).Should().Equal("AcceptAll", "Grant", "Withdraw");
    }
}
