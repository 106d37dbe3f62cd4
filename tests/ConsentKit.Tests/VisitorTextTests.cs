using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.Configuration;

namespace ConsentKit.Tests;

/// <summary>Issue 17: the visitor-facing texts live in one table per language, and a site can replace any of them.</summary>
public class VisitorTextTests
{
    private static readonly Regex Japanese = new(@"[\u3040-\u30ff\u4e00-\u9fff]", RegexOptions.Compiled);

    [Fact]
    public void Every_key_has_a_Japanese_and_an_English_text()
    {
        var ja = VisitorText.Japanese();
        var en = VisitorText.English();
        VisitorText.Keys.Should().HaveCountGreaterThan(20);
        foreach (var key in VisitorText.Keys)
        {
            ((string)key.GetValue(ja)!).Should().MatchRegex(Japanese.ToString(), $"ja:{key.Name} is Japanese");
            ((string)key.GetValue(en)!).Should().NotBeNullOrWhiteSpace($"en:{key.Name} has an English text");
            ((string)key.GetValue(en)!).Should().NotBe((string)key.GetValue(ja)!, $"en:{key.Name} is not the Japanese text");
        }
    }

    [Fact]
    public void Overrides_by_key_and_by_property_reach_the_frozen_table_without_touching_the_defaults()
    {
        var o = new ExternalTransmissionOptions();
        o.Text.Ja.BannerTitle = "外部送信のお知らせ";
        o.Text.Overrides["en:Accept"] = "I agree";
        o.Text.Overrides["JA.decline"] = "同意しません";

        var (ja, en) = VisitorTexts.Freeze(o.Text);
        ja.BannerTitle.Should().Be("外部送信のお知らせ");
        ja.Decline.Should().Be("同意しません");
        en.Accept.Should().Be("I agree");
        ja.Accept.Should().Be("同意する");
        VisitorText.English().Accept.Should().Be("Accept");
        VisitorTexts.Problems(o.Text).Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_key_or_an_empty_text_is_reported_at_startup()
    {
        var o = new ExternalTransmissionOptions();
        o.Text.Overrides["ja:BanerTitle"] = "typo";
        o.Text.Overrides["fr:Accept"] = "J'accepte";
        o.Text.Ja.Save = " ";

        var problems = DeclarationValidator.Validate(o).Select(p => p.ToString()).ToList();
        problems.Should().Contain(p => p.Contains("'ja:BanerTitle' is not a text key", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("'fr:Accept' is not a text key", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("ja:Save is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Texts_bind_from_configuration_by_language_and_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConsentKit:Text:Ja:BannerTitle"] = "設定からの見出し",
            ["ConsentKit:Text:En:Settings"] = "Choose",
        }).Build();
        var o = new ExternalTransmissionOptions();
        DeclarationConfigurationReader.Apply(configuration.GetSection("ConsentKit"), o);

        var (ja, en) = VisitorTexts.Freeze(o.Text);
        ja.BannerTitle.Should().Be("設定からの見出し");
        en.Settings.Should().Be("Choose");
        o.ConfigurationProblems.Should().BeEmpty();
    }

    [Fact]
    public void The_placeholder_summary_is_a_replaceable_text_filled_in_one_pass()
    {
        var o = Declarations.Valid();
        o.Text.Ja.PlaceholderSummary = "{recipient}へ送ります（{information}）。{purpose}";
        o.Text.En.PlaceholderSummary = "To {recipient}: {information} <b>{purpose}</b>";
        var catalog = new TransmissionCatalog(o);
        var module = catalog.Find("analytics")!;

        ConsentMarkup.Summary(module, NoticeLanguage.Japanese, catalog)
            .Should().Be(module.RecipientLabel.Ja + "へ送ります（閲覧したページのURL、IPアドレス）。記事の閲覧数を集計するため");
        ConsentMarkup.Summary(module, NoticeLanguage.English, catalog).Should().EndWith(
            "<span lang=\"en\">To " + module.RecipientLabel.En + ": URL of the page viewed; IP address &lt;b&gt;記事の閲覧数を集計するため&lt;/b&gt;</span>");
    }

    /// <summary>
    /// No inline Japanese/English pair is left where the table is used: the banner, the notice page and its controls,
    /// the refusal page, the tag helpers and the components.
    /// </summary>
    [Fact]
    public void The_banner_notice_refusal_page_and_components_have_no_inline_bilingual_literals()
    {
        var root = RepositoryRoot();
        var files = new[]
        {
            "src/ConsentKit/Rendering/BannerMarkup.cs",
            "src/ConsentKit/Rendering/ConsentMarkup.cs",
            "src/ConsentKit/Notice/NoticeRenderer.cs",
            "src/ConsentKit/Notice/NoticeRenderer.Sections.cs",
            "src/ConsentKit/Endpoints/ChoiceEndpoint.cs",
            "src/ConsentKit/Endpoints/NoticeChoices.cs",
            "src/ConsentKit/Gating/ConsentAcceptTagHelper.cs",
            "src/ConsentKit.Components/Gating/ConsentAccept.cs",
        }.Concat(Directory.GetFiles(Path.Combine(root, "src/ConsentKit/Gating"), "*.cs").Select(f => Path.GetRelativePath(root, f)));
        // A ternary or Raw() with Japanese in it, or a Japanese literal given to a writer or to a Bilingual pair. The language switch's own names
        // (日本語 / English) are each language's name for itself, not a translation. The law's vocabulary (Terms) is a
        // bilingual table of its own, shared with the startup messages; it is not in VisitorText.
        var inline = new Regex(@"\?\s*""[^""]*[\u3040-\u30ff\u4e00-\u9fff][^""]*""\s*:|\.Raw\(""[^""]*[\u3040-\u30ff\u4e00-\u9fff]|new(\s*Bilingual)?\(""[^""]*[\u3040-\u30ff\u4e00-\u9fff]|\.Text\(\$?""[^""]*[\u3040-\u30ff\u4e00-\u9fff]|^\s*[?:]\s*""[^""]*[\u3040-\u30ff\u4e00-\u9fff]");
        var found = files.Distinct()
            .SelectMany(f => File.ReadAllLines(Path.Combine(root, f)).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && inline.IsMatch(x.line))
            .Select(x => $"{x.f}:{x.i + 1}: {x.line.Trim()}").ToList();
        found.Should().BeEmpty("visitor text comes from VisitorText, where a site can replace it");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsentKit.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
