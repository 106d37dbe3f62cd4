using System.Text.RegularExpressions;

namespace ConsentKit.PackageTests;

/// <summary>
/// docs/ja/troubleshooting.md and docs/en/troubleshooting.md cover every startup error ConsentKit can raise: each item a
/// declaration problem can name (read from the validator and configuration reader sources, so a new item fails this test
/// until the pages explain it), and the other startup and request errors by a phrase of their message.
/// </summary>
public sealed partial class TroubleshootingPageTests
{
    private static string Page(string language) => File.ReadAllText(Path.Combine(Cli.RepoRoot, "docs", language, "troubleshooting.md"));

    private static string Source(string relative) => File.ReadAllText(Path.Combine(Cli.RepoRoot, relative));

    /// <summary>The (Japanese, English) item names a <c>DeclarationProblem</c> can carry.</summary>
    public static IReadOnlyList<(string Ja, string En)> ProblemItems()
    {
        var terms = TermDefinition().Matches(Source("src/ConsentKit/Declarations/Terms.cs"))
            .ToDictionary(m => m.Groups["name"].Value, m => (m.Groups["ja"].Value, m.Groups["en"].Value));
        var items = new HashSet<(string, string)>();
        var declarations = Path.Combine(Cli.RepoRoot, "src", "ConsentKit", "Declarations");
        foreach (var file in Directory.GetFiles(declarations, "DeclarationValidator*.cs").Concat(Directory.GetFiles(declarations, "DeclarationConfigurationReader*.cs")))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LiteralItem().Matches(text))
            {
                items.Add((m.Groups["ja"].Value, m.Groups["en"].Value));
            }

            foreach (Match m in TermUse().Matches(text))
            {
                if (terms.TryGetValue(m.Groups["name"].Value, out var term))
                {
                    items.Add(term);
                }
            }
        }

        return items.OrderBy(i => i.Item2, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Every_declaration_problem_item_has_a_section_on_both_pages()
    {
        var items = ProblemItems();
        items.Count.Should().BeGreaterThan(25, "the scan of the validator sources must find the items (a scan that finds nothing proves nothing)");
        items.Should().Contain(("利用目的 (送信先)", "recipient's purpose of use"));
        var ja = Page("ja");
        var en = Page("en");
        items.Where(i => !ja.Contains("### " + i.Ja, StringComparison.Ordinal)).Should().BeEmpty("docs/ja/troubleshooting.md has a heading for each item");
        items.Where(i => !en.Contains("### " + i.En, StringComparison.Ordinal)).Should().BeEmpty("docs/en/troubleshooting.md has a heading for each item");
    }

    /// <summary>Errors thrown outside the declaration validator: a phrase of each message, the source that throws it, and the phrase each page uses.</summary>
    public static TheoryData<string, string, string, string> OtherErrors => new()
    {
        { "src/ConsentKit/Hosting/StartupChecks.cs", "holds at most", "holds at most N", "記録 Cookie（4,096 文字まで）に入るのは" },
        { "src/ConsentKit/Declarations/TransmissionCatalog.cs", "share a record key", "share a record key", "記録 Cookie の中で区別できません" },
        { "src/ConsentKit.EntityFrameworkCore/Hosting/StoreStartup.cs", "cannot reach its database", "cannot reach its database", "cannot reach its database" },
        { "src/ConsentKit.EntityFrameworkCore/Hosting/OwnContexts.cs", "UseSqlite or UseNpgsql", "UseSqlite or UseNpgsql", "UseSqlite or UseNpgsql" },
        { "src/ConsentKit.EntityFrameworkCore/Hosting/OwnContexts.cs", "valid values are Sqlite, PostgreSQL", "valid values are Sqlite, PostgreSQL", "valid values are Sqlite, PostgreSQL" },
        { "src/ConsentKit/Hosting/ExternalTransmissionHttpContextExtensions.cs", "ConsentKit is not registered", "ConsentKit is not registered", "ConsentKit is not registered" },
        { "src/ConsentKit/Gating/GateSupport.cs", "which is not declared", "which is not declared", "which is not declared" },
        { "src/ConsentKit.Components/ExternalTransmissionConsent.cs", "ChooseAsync needs an interactive render mode", "ChooseAsync needs an interactive render mode", "ChooseAsync needs an interactive render mode" },
    };

    [Theory]
    [MemberData(nameof(OtherErrors))]
    public void Every_other_startup_error_is_explained_on_both_pages(string source, string phraseInMessage, string en, string ja)
    {
        Source(source).Should().Contain(phraseInMessage, "the page quotes the message as it is thrown; when the message changes, change the page");
        Page("en").Should().Contain(en);
        Page("ja").Should().Contain(ja);
    }

    [Fact]
    public void The_readme_and_getting_started_link_to_the_page()
    {
        Source("README.md").Should().Contain("docs/ja/troubleshooting.md").And.Contain("docs/en/troubleshooting.md");
        Source("docs/ja/getting-started.md").Should().Contain("(troubleshooting.md)");
        Source("docs/en/getting-started.md").Should().Contain("(troubleshooting.md)");
    }

    [GeneratedRegex(@"public static readonly Bilingual (?<name>\w+) = new\(""(?<ja>[^""]+)"", ""(?<en>[^""]+)""\)")]
    private static partial Regex TermDefinition();

    [GeneratedRegex(@"new(?: DeclarationProblem)?\((?:[^,()""]+|[\w.]+\([^)]*\)), ""(?<ja>[^""]+)"", ""(?<en>[^""]+)"",")]
    private static partial Regex LiteralItem();

    [GeneratedRegex(@"Terms\.(?<name>[A-Z]\w*)\b(?!\()")]
    private static partial Regex TermUse();
}
