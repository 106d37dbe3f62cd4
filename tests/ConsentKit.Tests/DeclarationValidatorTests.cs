namespace ConsentKit.Tests;

public class DeclarationValidatorTests
{
    private static ModuleDeclaration Module(ExternalTransmissionOptions o, string id) => o.FindModule(id)!;

    [Fact]
    public void Valid_declarations_have_no_problems()
    {
        DeclarationValidator.Validate(Declarations.Valid()).Should().BeEmpty();
    }

    [Fact]
    public void R2_InformationSentIsRequired()
    {
        var problems = Declarations.Problems(o => { Module(o, "analytics").Information.Clear(); Module(o, "analytics").InformationEn.Clear(); });
        problems.Should().ContainSingle().Which.ToString().Should()
            .Be("module 'analytics': 送信される情報 / information sent is missing (Ordinance 22-2-29 (i))");
    }

    [Theory]
    [InlineData("閲覧履歴等")]
    [InlineData("端末情報、その他の情報")]
    [InlineData("IPアドレスなど")]
    [InlineData("閲覧履歴等の情報")]
    public void R3_VagueCatchAllsAreWarningsNotErrors(string vague)
    {
        // Issue 10: the Commentary calls avoiding careless catch-alls 望ましい (desirable), so real notices that use them
        // must still start; they are warned about, and TreatWarningsAsErrors restores strictness.
        var problems = Declarations.Problems(o => Module(o, "analytics").Information[0] = vague);
        var problem = problems.Should().ContainSingle().Subject;
        problem.Severity.Should().Be(DeclarationSeverity.Warning);
        problem.ToString().Should().Contain("catch-all").And.Contain("R3");
    }

    [Fact]
    public void R3_EnglishEtcIsRejected()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").InformationEn[0] = "Page URL, referrer, etc.");
        problems.Should().ContainSingle().Which.ToString().Should().Contain("'etc.'");
    }

    [Theory]
    [InlineData("同等の精度の位置情報")]
    [InlineData("画面の大きさと言語の設定")]
    public void R3_WordsThatMerelyContainTheCharacterPass(string concrete)
    {
        Declarations.Problems(o => Module(o, "analytics").Information[0] = concrete).Should().BeEmpty();
    }

    [Fact]
    public void R4_RecipientLegalNameIsRequired()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").Recipient.Name = " ");
        problems.Should().ContainSingle().Which.ToString().Should()
            .Be("module 'analytics': 送信先の事業者名 / recipient's legal name is missing (Ordinance 22-2-29 (ii))");
    }

    [Fact]
    public void R6_RecipientsPurposeIsRequired()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").Purpose.Recipient = null);
        problems.Should().ContainSingle().Which.ToString().Should()
            .Be("module 'analytics': 利用目的 (送信先) / recipient's purpose of use is missing (Ordinance 22-2-29 (iii))");
    }

    [Fact]
    public void R6_OperatorsPurposeIsRequired()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").Purpose.Operator = "");
        problems.Should().ContainSingle().Which.ToString().Should()
            .Be("module 'analytics': 利用目的 (当サイト) / site's purpose of use is missing (Ordinance 22-2-29 (iii))");
    }

    [Fact]
    public void R7_PurposesMustBeWrittenInJapanese()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").Purpose.Operator = "To count page views");
        problems.Should().ContainSingle().Which.ToString().Should().Contain("plain Japanese").And.Contain("22-2-28 (1)(i)");
    }

    [Fact]
    public void R7_InformationMustBeWrittenInJapanese()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").Information[1] = "IP address");
        problems.Should().ContainSingle().Which.ToString().Should().Contain("plain Japanese");
    }

    [Fact]
    public void R17_ExemptionNeedsABasisAndAReason()
    {
        var problems = Declarations.Problems(o =>
        {
            Module(o, "captcha").Exemption!.Reason = null;
        });
        problems.Should().ContainSingle().Which.ToString().Should().Contain("適用除外の理由").And.Contain("22-2-30");

        problems = Declarations.Problems(o => Module(o, "captcha").Exemption!.Basis = null);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("適用除外の根拠").And.Contain("R17");
    }

    [Fact]
    public void R18_AnExemptModuleCannotAlsoTakeAMeasure()
    {
        var problems = Declarations.Problems(o => Module(o, "captcha").Measure = TransmissionMeasure.Consent);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("R18");
    }

    [Theory]
    [InlineData(ModuleCategory.Analytics)]
    [InlineData(ModuleCategory.Advertising)]
    [InlineData(ModuleCategory.Social)]
    [InlineData(ModuleCategory.Experimentation)]
    public void R19_TrackingCategoriesCannotClaimTheNecessaryExemption(ModuleCategory category)
    {
        var problems = Declarations.Problems(o => Module(o, "captcha").Category = category);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("R19").And.Contain("22-2-30");
    }

    [Fact]
    public void R19_SecurityModulesMayClaimFraudPrevention()
    {
        Declarations.Problems(o => Module(o, "captcha").Category = ModuleCategory.Security).Should().BeEmpty();
    }

    [Fact]
    public void R20_FirstPartyIdentifierMustStayOnTheOperatorsHosts()
    {
        var problems = Declarations.Problems(o => Module(o, "session").Hosts.Add("collect.thirdparty.example"));
        problems.Should().ContainSingle().Which.ToString().Should()
            .Contain("'collect.thirdparty.example' is not one of the operator's FirstPartyHosts").And.Contain("Act 27-12 (ii)");
    }

    [Fact]
    public void R20_FirstPartyIdentifierNeedsHosts()
    {
        var problems = Declarations.Problems(o => Module(o, "session").Hosts.Clear());
        problems.Should().ContainSingle().Which.ToString().Should().Contain("R20");
    }

    [Fact]
    public void R20_FirstPartyIdentifierMatchesWildcardHosts()
    {
        var problems = Declarations.Problems(o =>
        {
            o.Operator.FirstPartyHosts.Clear();
            o.Operator.FirstPartyHosts.Add("*.example.jp");
        });
        problems.Should().BeEmpty();
    }

    [Fact]
    public void R20_FirstPartyIdentifierCannotCoverAnalytics()
    {
        var problems = Declarations.Problems(o => Module(o, "session").Category = ModuleCategory.Analytics);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("exempts only the identifier itself");
    }

    [Fact]
    public void R27_OptOutModuleNeedsItsOptOutItems()
    {
        var problems = Declarations.Problems(o => Module(o, "ads").OptOut = null);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("Ordinance 22-2-31 (i)");
    }

    [Fact]
    public void R28_OptOutMustSayWhatItStops()
    {
        var problems = Declarations.Problems(o => Module(o, "ads").OptOut!.Stops = null);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("オプトアウトで停止する行為").And.Contain("22-2-31 (ii)");
    }

    [Fact]
    public void R29_OptOutOfUseNeedsTheRecipientsMethod()
    {
        var problems = Declarations.Problems(o => Module(o, "ads").OptOut!.Stops = OptOutScope.Use);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("オプトアウトの受付方法").And.Contain("22-2-31 (iii)");

        Declarations.Problems(o =>
        {
            Module(o, "ads").OptOut!.Stops = OptOutScope.Use;
            Module(o, "ads").OptOut!.Url = "https://ads.example.com/optout";
        }).Should().BeEmpty();
    }

    [Fact]
    public void R30_AnOptOutWithoutLimitationsGetsTheDefaultText()
    {
        // Issue 10: a missing limitations text is filled with a sensible default instead of stopping startup.
        var o = Declarations.Valid();
        Module(o, "ads").OptOut!.Limitations = null;
        DeclarationValidator.Validate(o).Should().BeEmpty();
        new TransmissionCatalog(o).Find("ads")!.OptOutLimitations!.Value.Ja.Should().Be("停止しても当サイトは引き続きご利用いただけます。");
    }

    [Fact]
    public void R31_OptOutModuleNeedsTheThreeCoreItems()
    {
        var problems = Declarations.Problems(o =>
        {
            var ads = Module(o, "ads");
            ads.Information.Clear();
            ads.InformationEn.Clear();
            ads.Recipient.Name = null;
            ads.Purpose.Operator = null;
        });
        problems.Select(p => p.Citation).Should().BeEquivalentTo(["Ordinance 22-2-29 (i)", "Ordinance 22-2-29 (ii)", "Ordinance 22-2-29 (iii)"]);
    }

    [Fact]
    public void R33_EveryNonExemptModuleNeedsAMeasure()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").Measure = null);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("R33").And.Contain("措置");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = Declarations.Problems(o =>
        {
            Module(o, "analytics").Purpose.Recipient = null;
            Module(o, "fonts").Recipient.Name = null;
            Module(o, "captcha").Category = ModuleCategory.Advertising;
            o.Operator.Name = null;
        });
        problems.Should().HaveCount(4);
        problems.Select(p => p.ModuleId).Should().BeEquivalentTo(new[] { "analytics", "fonts", "captcha", null });
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        var problems = Declarations.Problems(o => o.AddModule("Analytics", m => Declarations.Consent(m)));
        problems.Should().Contain(p => p.ToString().Contains("declared more than once"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Google Analytics")]
    [InlineData("ga<script>")]
    public void Module_ids_must_be_safe_tokens(string id)
    {
        var problems = Declarations.Problems(o => Module(o, "fonts").Id = id);
        problems.Should().Contain(p => p.ItemEn == "module id");
    }

    [Fact]
    public void Unknown_enum_values_in_code_are_rejected()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").Measure = (TransmissionMeasure)42);
        problems.Should().Contain(p => p.ToString().Contains("'42' is not one of Publication, Notice, Consent, OptOut"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/policy")]
    public void R37_PrivacyPolicyMustBeAnAbsoluteHttpUrl(string url)
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").Recipient.PrivacyPolicyUrl = url);
        problems.Should().ContainSingle().Which.ToString().Should().Contain("R37");
    }

    [Fact]
    public void R38_EnglishInformationMustMatchTheJapaneseOneToOne()
    {
        var problems = Declarations.Problems(o => Module(o, "analytics").InformationEn.RemoveAt(0));
        problems.Should().ContainSingle().Which.ToString().Should().Contain("R38");
    }

    [Fact]
    public void Hosts_cookies_and_consent_mode_types_are_checked()
    {
        var problems = Declarations.Problems(o =>
        {
            var m = Module(o, "analytics");
            m.Hosts.Add("not a host!");
            m.Cookies.Add("bad cookie");
            m.Cookies.Add(".ConsentKit");
            m.ConsentModeTypes.Add("analytics");
        });
        problems.Should().HaveCount(4);
    }

    [Fact]
    public void Operator_name_and_notice_path_are_required()
    {
        var problems = Declarations.Problems(o =>
        {
            o.Operator.Name = null;
            o.NoticePath = "external transmission";
        });
        problems.Should().HaveCount(2);
        problems.Should().AllSatisfy(p => p.ModuleId.Should().BeNull());
    }
}
