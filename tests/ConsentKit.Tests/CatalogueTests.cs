using System.Text.Json;
using System.Text.RegularExpressions;

namespace ConsentKit.Tests;

public partial class CatalogueTests
{
    /// <summary>The modules the issue asks for, by catalogue id.</summary>
    private static readonly string[] RequiredIds =
    [
        "google-analytics-4", "google-tag-manager", "google-ads", "google-adsense", "youtube", "google-maps", "recaptcha",
        "google-fonts", "meta-pixel", "instagram-embed", "x-pixel", "x-embed", "line-tag", "yahoo-ads", "tiktok-pixel",
        "microsoft-clarity", "microsoft-uet", "hotjar", "criteo", "karte", "adobe-analytics", "vimeo", "sentry",
        "cloudflare-web-analytics", "hatena-bookmark", "amazon-associates",
    ];

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var known in KnownModules.All)
        {
            data.Add(known.Id);
        }

        return data;
    }

    private static ExternalTransmissionOptions Site()
    {
        var o = new ExternalTransmissionOptions();
        o.Operator.Name = "株式会社テスト";
        return o;
    }

    [Fact]
    public void Catalogue_has_every_required_entry_with_a_kebab_case_id_and_a_static_property()
    {
        KnownModules.All.Should().HaveCountGreaterThanOrEqualTo(25);
        KnownModules.All.Select(k => k.Id).Should().Contain(RequiredIds).And.OnlyHaveUniqueItems();
        KnownModules.All.Should().OnlyContain(k => KebabCase().IsMatch(k.Id));

        // Every entry is reachable from code as KnownModules.X, and X points at the entry its name promises.
        var properties = typeof(KnownModules).GetProperties().Where(p => p.PropertyType == typeof(KnownModule)).ToList();
        properties.Select(p => ((KnownModule)p.GetValue(null)!).Id).Should().BeEquivalentTo(KnownModules.All.Select(k => k.Id));
        KnownModules.GoogleAnalytics4.Id.Should().Be("google-analytics-4");
        KnownModules.LineTag.Id.Should().Be("line-tag");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void R2_R4_R6_R33_Every_entry_passes_startup_validation_with_no_problem(string id)
    {
        var known = KnownModules.Find(id)!;
        var site = Site().AddModule(known);
        DeclarationValidator.Validate(site).Should().BeEmpty("the entry as it is must be usable");

        // Whatever measure the site picks instead, the entry's items still suffice (OptOut takes the entry's opt-out items).
        foreach (var measure in Enum.GetValues<TransmissionMeasure>())
        {
            var chosen = Site().AddModule(known, m => m.WithMeasure(measure));
            DeclarationValidator.Validate(chosen).Should().BeEmpty($"{id} with the measure {measure}");
        }

        var module = site.Modules.Single();
        module.Known.Should().BeSameAs(known);
        module.InformationEn.Should().HaveSameCount(module.Information).And.OnlyContain(s => s.Length > 0);
        module.Recipient.Service.Should().NotBeNullOrWhiteSpace("R5: the service name is shown beside the legal name");
        module.Purpose.OperatorEn.Should().NotBeNullOrWhiteSpace();
        module.Purpose.RecipientEn.Should().NotBeNullOrWhiteSpace();
        module.Hosts.Should().NotBeEmpty();
        known.Sources.Should().NotBeEmpty();
        known.Checked.Should().Be(new DateOnly(2026, 11, 26));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void R37_Every_url_in_an_entry_is_https(string id)
    {
        var known = KnownModules.Find(id)!;
        var urls = known.Sources.Append(known.CreateDeclaration().Recipient.PrivacyPolicyUrl!);
        if (known.VendorOptOutUrl is { } optOut)
        {
            urls = urls.Append(optOut);
        }

        foreach (var url in urls)
        {
            Uri.TryCreate(url, UriKind.Absolute, out var uri).Should().BeTrue($"'{url}' in {id} must be absolute");
            uri!.Scheme.Should().Be(Uri.UriSchemeHttps, $"'{url}' in {id}");
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void R34_Entry_hosts_cover_every_host_in_the_vendor_snippet(string id)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "CatalogueSnippets", id + ".html");
        File.Exists(path).Should().BeTrue($"every entry keeps its vendor snippet as a fixture ({path})");
        var hosts = SnippetHosts(File.ReadAllText(path));
        hosts.Should().NotBeEmpty($"the snippet of {id} must contact at least one host");
        var known = KnownModules.Find(id)!;
        hosts.Where(h => !known.Hosts.Any(pattern => DeclarationText.HostMatches(pattern, h)))
            .Should().BeEmpty($"every host the snippet of {id} contacts must be declared in the entry");
    }

    [Fact]
    public void Every_snippet_fixture_belongs_to_an_entry()
    {
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "CatalogueSnippets"), "*.html").Select(Path.GetFileNameWithoutExtension);
        fixtures.Should().BeEquivalentTo(KnownModules.All.Select(k => k.Id));
    }

    [Fact]
    public void Snippet_hosts_are_read_from_scripts_and_resources_but_not_from_links_or_comments()
    {
        var hosts = SnippetHosts("""
            <!-- https://docs.example.com/install -->
            <a href="https://www.example.com/entry/">x</a>
            <script>var u='https://tag.example.net/a.js'; init({ dsn: "https://KEY@o0.ingest.example.io/1" });</script>
            <img src="//img.example.org/p.gif">
            """);
        hosts.Should().BeEquivalentTo(["tag.example.net", "o0.ingest.example.io", "img.example.org"]);
    }

    [Fact]
    public void Entry_files_follow_the_published_schema()
    {
        var root = RepositoryRoot();
        var schemaPath = Path.Combine(root, "src", "ConsentKit", "Catalogue", "catalogue.schema.json");
        File.ReadAllText(Path.Combine(root, "docs", "catalogue.schema.json")).Should().Be(File.ReadAllText(schemaPath),
            "docs/catalogue.schema.json is the published copy of src/ConsentKit/Catalogue/catalogue.schema.json; copy it over");

        using var schema = JsonDocument.Parse(File.ReadAllText(schemaPath));
        var allowed = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        var required = schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToList();
        var files = Directory.GetFiles(Path.Combine(root, "src", "ConsentKit", "Catalogue", "Entries"), "*.json");
        files.Should().HaveCount(KnownModules.All.Count, "every file is embedded and loaded");
        foreach (var file in files)
        {
            using var entry = JsonDocument.Parse(File.ReadAllText(file));
            var names = entry.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            names.Should().BeSubsetOf(allowed, Path.GetFileName(file));
            names.Should().Contain(required, Path.GetFileName(file));
            names.Count(n => n is "suggestedMeasure" or "suggestedExemption").Should().Be(1, $"{Path.GetFileName(file)} suggests a measure or an exemption");
            entry.RootElement.GetProperty("id").GetString().Should().Be(Path.GetFileNameWithoutExtension(file));
        }
    }

    [Fact]
    public void Code_uses_an_entry_as_it_is_or_overrides_it_item_by_item()
    {
        var o = Site()
            .AddModule(KnownModules.GoogleAnalytics4, m => m.WithMeasure(TransmissionMeasure.Notice).Sends("会員番号", "Member number"))
            .AddModule("video", KnownModules.YouTube, m => m.Named("記事の動画", "Article videos"));

        var ga = o.FindModule("google-analytics-4")!;
        ga.Measure.Should().Be(TransmissionMeasure.Notice, "the site's measure replaces the suggested one");
        ga.Recipient.Name.Should().Be("Google LLC");
        ga.Information.Should().Contain("IPアドレス").And.EndWith("会員番号", "Sends adds an item after the entry's items");
        ga.Hosts.Should().Contain("www.googletagmanager.com");
        ga.Cookies.Should().Contain("_ga");
        ga.ConsentModeTypes.Should().Equal("analytics_storage");

        var video = o.FindModule("video")!;
        video.Known.Should().BeSameAs(KnownModules.YouTube);
        video.Name.Should().Be("記事の動画");
        video.Recipient.Service.Should().Be("YouTube");
        DeclarationValidator.Validate(o).Should().BeEmpty();

        // The declaration is a copy: changing it leaves the catalogue untouched.
        ga.Hosts.Clear();
        KnownModules.GoogleAnalytics4.CreateDeclaration().Hosts.Should().Contain("www.googletagmanager.com");
    }

    [Fact]
    public void R17_A_measure_chosen_by_the_site_replaces_a_suggested_exemption_and_an_own_exemption_replaces_it_too()
    {
        var measured = Site().AddModule(KnownModules.Recaptcha, m => m.WithMeasure(TransmissionMeasure.Consent));
        measured.Modules[0].Exemption.Should().BeNull();
        DeclarationValidator.Validate(measured).Should().BeEmpty();

        var exempt = Site().AddModule(KnownModules.Recaptcha, m => m.Exempt(ExemptionBasis.FraudPrevention, "コメント欄への大量投稿を防ぐため"));
        exempt.Modules[0].Exemption!.Reason.Should().Be("コメント欄への大量投稿を防ぐため");
        DeclarationValidator.Validate(exempt).Should().BeEmpty();
    }

    [Fact]
    public void R27_R30_Choosing_opt_out_takes_the_entrys_opt_out_items_and_leaving_it_drops_them()
    {
        var module = KnownModules.YouTube.CreateDeclaration();
        module.WithMeasure(TransmissionMeasure.OptOut);
        module.OptOut!.Stops.Should().Be(OptOutScope.Transmission);
        module.OptOut.Limitations.Should().StartWith("埋め込んだ動画");
        module.WithMeasure(TransmissionMeasure.Consent);
        module.OptOut.Should().BeNull("a Consent module must not show opt-out items");

        // The site's own opt-out items are never replaced.
        module.WithOptOut(OptOutScope.Use, "なし", url: "https://example.com/optout");
        module.WithMeasure(TransmissionMeasure.Consent);
        module.OptOut.Should().NotBeNull();
    }

    private static ExternalTransmissionOptions Read(Dictionary<string, string?> values) => ConfigurationReaderTests.Read(values, Site());

    [Fact]
    public void Configuration_Known_applies_the_entry_first_and_the_other_keys_override_it()
    {
        var o = Read(new()
        {
            ["ConsentKit:Modules:ga4:Measure"] = "OptOut",
            ["ConsentKit:Modules:ga4:Known"] = "google-analytics-4",
            ["ConsentKit:Modules:ga4:Information:0"] = "閲覧したページのURL",
            ["ConsentKit:Modules:ga4:InformationEn:0"] = "URL of the page you view",
            ["ConsentKit:Modules:map:known"] = "GOOGLE-MAPS",
        });

        var ga4 = o.FindModule("ga4")!;
        ga4.Known.Should().BeSameAs(KnownModules.GoogleAnalytics4);
        ga4.Measure.Should().Be(TransmissionMeasure.OptOut, "Measure overrides the entry even though it comes first");
        ga4.OptOut!.Limitations.Should().NotBeNullOrEmpty();
        ga4.Information.Should().Equal("閲覧したページのURL");
        ga4.Hosts.Should().Contain("region1.google-analytics.com");
        o.FindModule("map")!.Recipient.Service.Should().Be("Google マップ", "the key and the id are case-insensitive");
        DeclarationValidator.Validate(o).Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_catalogue_id_is_a_startup_error_listing_the_close_matches()
    {
        var o = Read(new()
        {
            ["ConsentKit:Modules:ga4:Known"] = "google-analytic-4",
            ["ConsentKit:Modules:ga4:Measure"] = "Consent",
            ["ConsentKit:Modules:chat:Known"] = "zendesk-chat-widget",
        });

        var problems = DeclarationValidator.Validate(o).Select(p => p.ToString()).ToList();
        problems.Should().Contain(p => p.Contains("module 'ga4'") && p.Contains("'google-analytic-4'") && p.Contains("did you mean 'google-analytics-4'"));
        problems.Should().Contain(p => p.Contains("module 'chat'") && p.Contains("not in the catalogue") && p.Contains("catalogue.md"));
    }

    [Theory]
    [InlineData("youtub", "youtube")]
    [InlineData("linetag", "line-tag")]
    [InlineData("x-pixle", "x-pixel")]
    [InlineData("clarity", "microsoft-clarity")]
    public void Close_matches_are_found_by_edit_distance_or_containment(string typo, string expected)
    {
        KnownModules.SuggestIds(typo).Should().Contain(expected);
    }

    [Fact]
    public void Edit_distance_counts_insertions_deletions_and_substitutions()
    {
        KnownModules.Distance("kitten", "sitting").Should().Be(3);
        KnownModules.Distance("", "abc").Should().Be(3);
        KnownModules.Distance("same", "same").Should().Be(0);
    }

    [Fact]
    public void R34_FindByHost_knows_the_hosts_of_the_catalogue()
    {
        KnownModules.FindByHost("connect.facebook.net").Select(k => k.Id).Should().Equal("meta-pixel");
        KnownModules.FindByHost("www.googletagmanager.com").Select(k => k.Id).Should().Contain(["google-analytics-4", "google-tag-manager", "google-ads"]);
        KnownModules.FindByHost("o123.ingest.sentry.io").Select(k => k.Id).Should().Equal("sentry");
        KnownModules.FindByHost("cdn.example.org").Should().BeEmpty();
    }

    [Fact]
    public void R34_Audit_suggests_the_catalogue_entry_for_an_undeclared_host()
    {
        var o = Site().AddModule(KnownModules.YouTube);
        var html = """
            <script src="https://connect.facebook.net/en_US/fbevents.js"></script>
            <iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>
            <img src="https://cdn.example.org/a.png">
            """;

        var found = ExternalTransmissionAudit.FindUndeclaredResourcesWithSuggestions(html, o);
        found.Select(f => f.Url.Host).Should().Equal("connect.facebook.net", "cdn.example.org");
        found[0].Suggestions.Select(s => s.Id).Should().Equal("meta-pixel");
        found[0].ToString().Should().Contain("\"Known\": \"meta-pixel\"");
        found[1].Suggestions.Should().BeEmpty();
        found[1].ToString().Should().EndWith("is not declared by any module");
    }

    [Fact]
    public void R39_Notice_json_lists_the_catalogue_entries_used_with_their_check_dates()
    {
        var o = Site()
            .AddModule(KnownModules.GoogleAnalytics4)
            .AddModule("video", KnownModules.YouTube, _ => { })
            .AddModule("own", m => Declarations.Consent(m).WithMeasure(TransmissionMeasure.Consent));

        using var json = JsonDocument.Parse(NoticeJsonWriter.Write(new TransmissionCatalog(o), new Dictionary<NoticeLanguage, string>()));
        var catalogue = json.RootElement.GetProperty("catalogue").EnumerateArray().ToList();
        catalogue.Select(c => c.GetProperty("id").GetString()).Should().Equal("google-analytics-4", "youtube");
        catalogue.Should().OnlyContain(c => c.GetProperty("checked").GetString() == "2026-11-26");
        catalogue[1].GetProperty("modules").EnumerateArray().Select(m => m.GetString()).Should().Equal("video");
        var modules = json.RootElement.GetProperty("modules").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        modules["video"].GetProperty("known").GetString().Should().Be("youtube");
        modules["own"].TryGetProperty("known", out _).Should().BeFalse();
    }

    [Fact]
    public void Notice_json_has_no_catalogue_field_when_no_entry_is_used()
    {
        using var json = JsonDocument.Parse(NoticeJsonWriter.Write(new TransmissionCatalog(Declarations.Valid()), new Dictionary<NoticeLanguage, string>()));
        json.RootElement.TryGetProperty("catalogue", out _).Should().BeFalse();
    }

    /// <summary>Hosts a snippet makes the browser contact: URLs in scripts and resource attributes, not in links or comments.</summary>
    internal static IReadOnlyList<string> SnippetHosts(string html)
    {
        var text = Comment().Replace(html, "");
        text = Anchor().Replace(text, "");
        text = PermalinkAttribute().Replace(text, "");
        return UrlHost().Matches(text).Select(m => m.Groups["host"].Value.ToLowerInvariant()).Distinct().ToList();
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ConsentKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ConsentKit.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<a\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"\b(?:cite|data-[a-z-]*permalink)\s*=\s*(?:""[^""]*""|'[^']*')", RegexOptions.IgnoreCase)]
    private static partial Regex PermalinkAttribute();

    [GeneratedRegex(@"(?:https?:)?//(?:[^/@\s""']*@)?(?<host>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})")]
    private static partial Regex UrlHost();
}
