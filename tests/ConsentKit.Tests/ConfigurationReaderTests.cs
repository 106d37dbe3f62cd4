using Microsoft.Extensions.Configuration;

namespace ConsentKit.Tests;

public class ConfigurationReaderTests
{
    internal static ExternalTransmissionOptions Read(Dictionary<string, string?> values, ExternalTransmissionOptions? start = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = start ?? new ExternalTransmissionOptions();
        DeclarationConfigurationReader.Apply(configuration.GetSection("ConsentKit"), options);
        return options;
    }

    [Theory]
    [InlineData("true", true, false)]
    [InlineData("false", false, false)]
    [InlineData("yes", false, true)]
    public void Reads_LetVisitorsStopNoticeModules(string value, bool expected, bool problem)
    {
        var o = Read(new() { ["ConsentKit:LetVisitorsStopNoticeModules"] = value });
        o.LetVisitorsStopNoticeModules.Should().Be(expected);
        o.ConfigurationProblems.Should().HaveCount(problem ? 1 : 0);
    }

    [Fact]
    public void Reads_a_whole_module_with_the_documented_key_names()
    {
        var o = Read(new()
        {
            ["ConsentKit:Operator:Name"] = "株式会社テスト",
            ["ConsentKit:Operator:FirstPartyHosts:0"] = "www.example.jp",
            ["ConsentKit:NoticePath"] = "/gaibu-soushin",
            ["ConsentKit:LastUpdated"] = "2026-11-01",
            ["ConsentKit:Gpc"] = "OptOutAndDenyConsent",
            ["ConsentKit:Cookie:Name"] = "ck",
            ["ConsentKit:Cookie:Lifetime"] = "90.00:00:00",
            ["ConsentKit:Modules:ads:Name"] = "広告タグ",
            ["ConsentKit:Modules:ads:Category"] = "advertising",
            ["ConsentKit:Modules:ads:Recipient:Name"] = "Example Ads Inc.",
            ["ConsentKit:Modules:ads:Recipient:PrivacyPolicyUrl"] = "https://ads.example.com/privacy",
            ["ConsentKit:Modules:ads:Information:0"] = "閲覧したページのURL",
            ["ConsentKit:Modules:ads:Information:1"] = "IPアドレス",
            ["ConsentKit:Modules:ads:Purpose:Operator"] = "広告の効果を測るため",
            ["ConsentKit:Modules:ads:Purpose:Recipient"] = "広告を配信するため",
            ["ConsentKit:Modules:ads:Measure"] = "OptOut",
            ["ConsentKit:Modules:ads:OptOut:Stops"] = "Transmission",
            ["ConsentKit:Modules:ads:OptOut:Limitations"] = "なし",
            ["ConsentKit:Modules:ads:Hosts:0"] = "ads.example.com",
        });

        o.ConfigurationProblems.Should().BeEmpty();
        o.NoticePath.Should().Be("/gaibu-soushin");
        o.LastUpdated.Should().Be(new DateOnly(2026, 11, 1));
        o.Gpc.Should().Be(GpcPolicy.OptOutAndDenyConsent);
        o.Cookie.Lifetime.Should().Be(TimeSpan.FromDays(90));
        var ads = o.FindModule("ads")!;
        ads.Category.Should().Be(ModuleCategory.Advertising);
        ads.Information.Should().Equal("閲覧したページのURL", "IPアドレス");
        ads.OptOut!.Stops.Should().Be(OptOutScope.Transmission);
        DeclarationValidator.Validate(o).Should().BeEmpty();
    }

    [Fact]
    public void Configuration_overrides_one_module_declared_in_code()
    {
        var start = Declarations.Valid();
        var o = Read(new() { ["ConsentKit:Modules:analytics:Measure"] = "OptOut", ["ConsentKit:Modules:analytics:OptOut:Stops"] = "Transmission", ["ConsentKit:Modules:analytics:OptOut:Limitations"] = "なし" }, start);

        o.Modules.Should().HaveCount(6);
        var analytics = o.FindModule("analytics")!;
        analytics.Measure.Should().Be(TransmissionMeasure.OptOut);
        analytics.Recipient.Name.Should().Be("Example Analytics Inc.", "the rest of the code declaration stays");
        DeclarationValidator.Validate(o).Should().BeEmpty();
    }

    [Fact]
    public void Unknown_enum_value_is_a_problem_naming_the_path_and_the_choices()
    {
        var o = Read(new() { ["ConsentKit:Modules:ga:Measure"] = "Consnet" });
        o.ConfigurationProblems.Should().ContainSingle().Which.ToString().Should()
            .Be("module 'ga': 設定値 / value 'Consnet' at 'ConsentKit:Modules:ga:Measure' is not valid; expected one of Publication, Notice, Consent, OptOut (ConsentKit configuration)");
    }

    [Fact]
    public void Numeric_enum_values_are_rejected()
    {
        var o = Read(new() { ["ConsentKit:Modules:ga:Measure"] = "3" });
        o.ConfigurationProblems.Should().ContainSingle();
        o.FindModule("ga")!.Measure.Should().BeNull();
    }

    [Fact]
    public void Misspelt_keys_are_problems_not_silently_dropped()
    {
        var o = Read(new()
        {
            ["ConsentKit:Modules:ga:Purpose:Recipeint"] = "送信先が使うため",
            ["ConsentKit:Opertor:Name"] = "x",
        });
        o.ConfigurationProblems.Select(p => p.ToString()).Should().BeEquivalentTo(
        [
            "module 'ga': 不明な設定 / unknown setting 'ConsentKit:Modules:ga:Purpose:Recipeint' is not a ConsentKit setting; check its spelling (ConsentKit configuration)",
            "site: 不明な設定 / unknown setting 'ConsentKit:Opertor' is not a ConsentKit setting; check its spelling (ConsentKit configuration)",
        ]);
    }

    [Fact]
    public void Bad_dates_and_time_spans_are_problems()
    {
        var o = Read(new() { ["ConsentKit:LastUpdated"] = "11/01/2026", ["ConsentKit:Cookie:Lifetime"] = "forever", ["ConsentKit:Modules:a:Order"] = "first" });
        o.ConfigurationProblems.Should().HaveCount(3);
    }

    [Fact]
    public void Arrays_keep_numeric_order_beyond_ten_items()
    {
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < 12; i++)
        {
            values[$"ConsentKit:Modules:a:Information:{i}"] = $"項目{i}";
        }

        Read(values).FindModule("a")!.Information.Should().Equal(Enumerable.Range(0, 12).Select(i => $"項目{i}"));
    }
}
