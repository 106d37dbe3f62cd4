using System.Text;

namespace ConsentKit.Tests;

/// <summary>
/// docs/ja/catalogue.md and docs/en/catalogue.md are generated from the catalogue's JSON entries. This test regenerates
/// them and fails when the committed pages are stale; set CONSENTKIT_UPDATE_DOCS=1 to write them instead.
/// </summary>
public class CatalogueDocsTests
{
    private const string UpdateVariable = "CONSENTKIT_UPDATE_DOCS";

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public void Catalogue_pages_are_generated_from_the_data_and_up_to_date(string language)
    {
        var path = Path.Combine(CatalogueTests.RepositoryRoot(), "docs", language, "catalogue.md");
        var expected = Generate(language == "ja" ? NoticeLanguage.Japanese : NoticeLanguage.English);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected, new UTF8Encoding(false));
        }

        File.Exists(path).Should().BeTrue($"docs/{language}/catalogue.md is generated; run: {UpdateVariable}=1 dotnet test tests/ConsentKit.Tests --filter CatalogueDocs");
        File.ReadAllText(path).ReplaceLineEndings("\n").Should().Be(expected,
            $"docs/{language}/catalogue.md is stale: the catalogue's JSON entries changed. Regenerate it with: {UpdateVariable}=1 dotnet test tests/ConsentKit.Tests --filter CatalogueDocs");
    }

    [Fact]
    public void The_generated_page_has_one_table_per_category_and_every_check_date()
    {
        var page = Generate(NoticeLanguage.English);
        foreach (var category in KnownModules.All.Select(k => k.Category).Distinct())
        {
            page.Split('\n').Count(l => l == "## " + Terms.Of(category).En).Should().Be(1, $"one section for {category}");
        }

        foreach (var known in KnownModules.All)
        {
            page.Should().Contain($"| `{known.Id}` |").And.Contain($"### `{known.Id}`");
        }

        page.Should().Contain("| 2026-11-26 |");
    }

    internal static string Generate(NoticeLanguage language)
    {
        var ja = language == NoticeLanguage.Japanese;
        string L(string jaText, string enText) => ja ? jaText : enText;
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append('\n');

        Line($"<!-- Generated from src/ConsentKit/Catalogue/Entries/*.json by tests/ConsentKit.Tests/CatalogueDocsTests.cs. Do not edit by hand: run {UpdateVariable}=1 dotnet test tests/ConsentKit.Tests --filter CatalogueDocs -->");
        Line(L("# よく使われるモジュールのカタログ", "# Catalogue of well-known modules"));
        Line();
        Line(L(
            "日本のサイトでよく使われる外部送信モジュールについて、電気通信事業法 第27条の12 で公表する事項（送信される情報、送信先の名称、利用目的）を日本語と英語で書いたものです。各ベンダーの公開文書をもとに書き、文書の URL と確認日を記録しています。そのまま使うことも、項目ごとに上書きすることもできます。",
            "External-transmission modules common on Japanese sites, with the items Telecommunications Business Act Art. 27-12 requires (information sent, recipient, purposes) written out in Japanese and English. Each entry was written from the vendor's public documentation, whose URLs and check date are recorded. Use an entry as it is, or override it item by item."));
        Line();
        Line("<!-- snippet: options -->"); // tests/ConsentKit.PackageTests compiles it inside AddExternalTransmissionNotice(o => …)
        Line("```csharp");
        Line("o.AddModule(KnownModules.GoogleAnalytics4, m => m.WithMeasure(TransmissionMeasure.Consent));");
        Line("```");
        Line();
        Line("```json");
        Line("\"Modules\": { \"ga4\": { \"Known\": \"google-analytics-4\", \"Measure\": \"Consent\" } }");
        Line("```");
        Line();
        Line(L(
            "カタログは出発点です。タグが実際に送る情報はサイトの設定で変わるため、公開する前にサイト自身で確かめてください。とくに「当サイトの利用目的」は、サイトの実情に合わせて書き換えてください。データは `src/ConsentKit/Catalogue/Entries/*.json`（スキーマ: [`docs/catalogue.schema.json`](../catalogue.schema.json)）にあり、NuGet パッケージの `catalogue/` にも入っています。",
            "The catalogue is a starting point. What a tag really sends depends on how the site configures it, so check each entry before publishing, and rewrite the site's purpose to fit the site. The data is in `src/ConsentKit/Catalogue/Entries/*.json` (schema: [`docs/catalogue.schema.json`](../catalogue.schema.json)) and in the NuGet package under `catalogue/`."));
        Line();

        foreach (var group in KnownModules.All.GroupBy(k => k.Category).OrderBy(g => g.Key))
        {
            Line("## " + Terms.Of(group.Key).In(language));
            Line();
            Line(L("| ID | 名称 | 送信先の名称 | 推奨する措置 | 送信先のホスト | 確認日 |", "| ID | Name | Recipient's legal name | Suggested measure | Hosts contacted | Checked |"));
            Line("|---|---|---|---|---|---|");
            foreach (var known in group.OrderBy(k => k.Id, StringComparer.Ordinal))
            {
                var m = known.CreateDeclaration();
                var measure = known.SuggestedMeasure is { } sm
                    ? Terms.Of(sm).In(language)
                    : L("適用除外", "Exempt") + " (" + Terms.Of(known.SuggestedExemption!.Value).In(language) + ")";
                var recipient = ja ? m.Recipient.Name : m.Recipient.NameEn ?? m.Recipient.Name;
                Line($"| `{known.Id}` | {Cell(ja ? known.Name : known.NameEn)} | {Cell(recipient)} | {Cell(measure)} | {string.Join(" ", known.Hosts.Select(h => $"`{h}`"))} | {known.Checked:yyyy-MM-dd} |");
            }

            Line();
        }

        Line(L("## 各モジュールの詳細", "## Entries in detail"));
        Line();
        foreach (var known in KnownModules.All)
        {
            var m = known.CreateDeclaration();
            Line($"### `{known.Id}` — {Cell(ja ? known.Name : known.NameEn)}");
            Line();
            var recipient = ja ? m.Recipient.Name : m.Recipient.NameEn ?? m.Recipient.Name;
            var service = ja ? m.Recipient.Service : m.Recipient.ServiceEn;
            Line($"- {Terms.RecipientName.In(language)}: {Cell(recipient)}" + (service is null ? "" : ja ? $"（{Cell(service)}）" : $" ({Cell(service)})"));
            Line($"- {Terms.PrivacyPolicy.In(language)}: <{m.Recipient.PrivacyPolicyUrl}>");
            Line($"- {Terms.Information.In(language)}: " + string.Join(ja ? "、" : "; ", (ja ? m.Information : m.InformationEn).Select(Cell)));
            Line($"- {Terms.OperatorPurpose.In(language)}: {Cell(ja ? m.Purpose.Operator : m.Purpose.OperatorEn)}");
            Line($"- {Terms.RecipientPurpose.In(language)}: {Cell(ja ? m.Purpose.Recipient : m.Purpose.RecipientEn)}");
            if (m.Exemption is { } exemption)
            {
                Line($"- {Terms.ExemptionReason.In(language)}: {Cell(ja ? exemption.Reason : exemption.ReasonEn)} ({Terms.CitationOf(exemption.Basis!.Value)})");
            }

            Line($"- {L("Cookie", "Cookies")}: " + (m.Cookies.Count == 0 ? L("なし（確認できた範囲）", "none found") : string.Join(" ", m.Cookies.Select(c => $"`{c}`"))));
            if (m.ConsentModeTypes.Count > 0)
            {
                Line($"- {Terms.ConsentModeType.In(language)}: " + string.Join(" ", m.ConsentModeTypes.Select(c => $"`{c}`")));
            }

            var optOut = known.CreateDeclaration().WithMeasure(TransmissionMeasure.OptOut).OptOut!;
            Line($"- {L("オプトアウトを選んだときの制限", "Limitations if the site chooses opt-out")}: {Cell(ja ? optOut.Limitations : optOut.LimitationsEn)}");
            if (known.VendorOptOutUrl is { } vendorOptOut)
            {
                Line($"- {L("送信先のオプトアウトページ", "Vendor's opt-out page")}: <{vendorOptOut}>");
            }

            Line($"- {L("出典", "Sources")}: " + string.Join(" ", known.Sources.Select(s => $"<{s}>")));
            Line($"- {L("確認日", "Checked")}: {known.Checked:yyyy-MM-dd}");
            if (known.Notes is { } notes)
            {
                Line($"- {L("注記（英語）", "Notes")}: {Cell(notes)}");
            }

            Line();
        }

        return sb.ToString();
    }

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
