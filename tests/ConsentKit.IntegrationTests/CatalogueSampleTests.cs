using System.Text.Json;

namespace ConsentKit.IntegrationTests;

/// <summary>The samples declare their vendors from ConsentKit's catalogue; the notice JSON says which entries and when they were checked.</summary>
public class CatalogueSampleTests(SampleFactory flagship, MvcSampleFactory mvc) : IClassFixture<SampleFactory>, IClassFixture<MvcSampleFactory>
{
    [Fact]
    public async Task R39_TheFlagshipsNoticeJsonListsTheCatalogueEntriesItUsesWithTheirCheckDates()
    {
        var catalogue = await CatalogueOf(flagship.CreateClient());
        catalogue.Keys.Should().BeEquivalentTo(["google-analytics-4", "meta-pixel", "youtube", "recaptcha", "line-tag", "x-embed", "hatena-bookmark"]);
        catalogue["google-analytics-4"].Modules.Should().Equal(new[] { "google-analytics" }, "the sample keeps its own module id and maps it with Known");
        catalogue.Values.Should().OnlyContain(e => e.Checked == "2026-11-26");
    }

    [Fact]
    public async Task R39_TheMvcSamplesNoticeJsonListsItsCatalogueEntries()
    {
        var catalogue = await CatalogueOf(mvc.CreateClient());
        catalogue.Keys.Should().BeEquivalentTo(["google-analytics-4", "google-maps"]);
        catalogue["google-maps"].Modules.Should().Equal("store-map");
    }

    [Fact]
    public async Task R5_TheCatalogueSuppliesTheItemsTheSampleDoesNotOverride()
    {
        using var json = JsonDocument.Parse(await flagship.CreateClient().GetStringAsync("/external-transmission.json"));
        var line = json.RootElement.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "line-tag");
        line.GetProperty("recipient").GetProperty("name").GetProperty("ja").GetString().Should().Be("LINEヤフー株式会社");
        line.GetProperty("recipient").GetProperty("name").GetProperty("en").GetString().Should().Be("LY Corporation");
        line.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()).Should().Contain(["d.line-scdn.net", "tr.line.me"]);
        line.GetProperty("optOut").GetProperty("limitations").GetProperty("ja").GetString().Should().Be("なし。記事はこれまでどおり読めます。", "appsettings.json overrides the entry's limitations");
    }

    private static async Task<Dictionary<string, (string Checked, List<string> Modules)>> CatalogueOf(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/external-transmission.json"));
        return json.RootElement.GetProperty("catalogue").EnumerateArray().ToDictionary(
            e => e.GetProperty("id").GetString()!,
            e => (e.GetProperty("checked").GetString()!, e.GetProperty("modules").EnumerateArray().Select(m => m.GetString()!).ToList()));
    }
}
