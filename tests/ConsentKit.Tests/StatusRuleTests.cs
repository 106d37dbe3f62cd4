namespace ConsentKit.Tests;

/// <summary>The decision rules, module by module, measure by measure.</summary>
public class StatusRuleTests
{
    private readonly Harness _h = new();

    [Fact]
    public void First_visit_exempt_and_publication_are_allowed_consent_and_notice_are_pending_optout_is_allowed()
    {
        var f = _h.Request();
        f.GetStatus("captcha").Should().Be(TransmissionStatus.Exempt);
        f.GetStatus("session").Should().Be(TransmissionStatus.Exempt);
        f.GetStatus("fonts").Should().Be(TransmissionStatus.Allowed);
        f.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
        f.GetStatus("video").Should().Be(TransmissionStatus.Pending);
        f.GetStatus("ads").Should().Be(TransmissionStatus.Allowed);
        f.HasPending.Should().BeTrue();
        f.IsAllowed("analytics").Should().BeFalse();
        f.IsAllowed("captcha").Should().BeTrue();
    }

    [Fact]
    public void R16_ConsentModuleIsAllowedOnlyAfterAnExplicitGrant()
    {
        _h.Request(_h.Cookie(("analytics", RecordedDecision.Granted))).GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
        _h.Request(_h.Cookie(("analytics", RecordedDecision.Denied))).GetStatus("analytics").Should().Be(TransmissionStatus.Denied);
        _h.Request(_h.Cookie(("analytics", RecordedDecision.OptedIn))).GetStatus("analytics").Should().Be(TransmissionStatus.Pending, "opting in is not a consent grant");
        _h.Request(_h.Cookie(("analytics", RecordedDecision.NoticeShown))).GetStatus("analytics").Should().Be(TransmissionStatus.Pending, "seeing a notice is not consent");
    }

    [Fact]
    public void R14_NoticeModuleIsAllowedOnceItsNoticeWasShown()
    {
        _h.Request(_h.Cookie(("video", RecordedDecision.NoticeShown))).GetStatus("video").Should().Be(TransmissionStatus.Allowed);
    }

    [Fact]
    public void R26_OptOutModuleStopsAfterOptOut()
    {
        _h.Request(_h.Cookie(("ads", RecordedDecision.OptedOut))).GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
    }

    [Fact]
    public void Gpc_opts_out_of_optout_modules_but_never_grants_or_denies_consent_by_default()
    {
        var f = _h.Request(_h.Cookie(("analytics", RecordedDecision.Granted)), gpc: true);
        f.GlobalPrivacyControl.Should().BeTrue();
        f.GetStatus("ads").Should().Be(TransmissionStatus.OptedOut);
        f.GetStatus("analytics").Should().Be(TransmissionStatus.Allowed, "an explicit grant stands");
        _h.Request(gpc: true).GetStatus("analytics").Should().Be(TransmissionStatus.Pending, "GPC never grants");
    }

    [Fact]
    public void Gpc_can_preset_a_denial_when_configured()
    {
        var o = Declarations.Valid();
        o.Gpc = GpcPolicy.OptOutAndDenyConsent;
        var h = new Harness(o);
        h.Request(gpc: true).GetStatus("analytics").Should().Be(TransmissionStatus.Denied);
        h.Request(gpc: false).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }

    [Fact]
    public void Gpc_is_ignored_when_the_policy_says_so()
    {
        var o = Declarations.Valid();
        o.Gpc = GpcPolicy.Ignore;
        new Harness(o).Request(gpc: true).GetStatus("ads").Should().Be(TransmissionStatus.Allowed);
    }

    [Fact]
    public void An_explicit_opt_in_wins_over_gpc()
    {
        _h.Request(_h.Cookie(("ads", RecordedDecision.OptedIn)), gpc: true).GetStatus("ads").Should().Be(TransmissionStatus.Allowed);
    }

    [Fact]
    public void Undeclared_ids_fail_closed()
    {
        var f = _h.Request();
        f.IsAllowed("nope").Should().BeFalse();
        f.Invoking(x => x.GetStatus("nope")).Should().Throw<ArgumentException>().WithMessage("*'nope' is not declared*");
    }

    [Fact]
    public void R36_MaterialChangeRepromptsThatModuleOnly()
    {
        var cookie = _h.Cookie(("analytics", RecordedDecision.Granted), ("video", RecordedDecision.NoticeShown));
        var changed = Declarations.Valid();
        changed.FindModule("analytics")!.Purpose.Recipient = "送信先が広告の配信にも使うため";
        var f = new Harness(changed, _h.Codec).Request(cookie);

        f.GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
        f.GetStatus("video").Should().Be(TransmissionStatus.Allowed);
    }

    [Fact]
    public void R36_WhiteSpaceAndOrderChangeNothing()
    {
        var original = Declarations.Valid();
        var reworded = Declarations.Valid();
        var m = reworded.FindModule("analytics")!;
        m.Purpose.Operator = "  記事の閲覧数を集計するため ";
        m.Order = 7;

        TransmissionCatalog.ComputeFingerprint(reworded.FindModule("analytics")!)
            .Should().Be(TransmissionCatalog.ComputeFingerprint(original.FindModule("analytics")!));
    }

    [Theory]
    [InlineData("information")]
    [InlineData("informationEn")]
    [InlineData("recipient")]
    [InlineData("recipientEn")]
    [InlineData("service")]
    [InlineData("serviceEn")]
    [InlineData("operatorPurpose")]
    [InlineData("operatorPurposeEn")]
    [InlineData("recipientPurpose")]
    [InlineData("recipientPurposeEn")]
    [InlineData("measure")]
    [InlineData("category")]
    [InlineData("name")]
    [InlineData("nameEn")]
    [InlineData("privacyPolicy")]
    [InlineData("hosts")]
    [InlineData("cookies")]
    [InlineData("consentMode")]
    public void R36_EachFieldTheVisitorSawOrThatChangesWhatIsSentChangesTheFingerprint(string field)
    {
        var changed = Declarations.Valid();
        var m = changed.FindModule("analytics")!;
        switch (field)
        {
            case "information": m.Information.Add("位置情報"); break;
            case "informationEn": m.InformationEn[0] = "Address of the page you view"; break;
            case "recipient": m.Recipient.Name = "Other Inc."; break;
            case "recipientEn": m.Recipient.NameEn = "Other Inc."; break;
            case "service": m.Recipient.Service = "別のサービス名"; break;
            case "serviceEn": m.Recipient.ServiceEn = "Other service"; break;
            case "operatorPurpose": m.Purpose.Operator += "。"; break;
            case "operatorPurposeEn": m.Purpose.OperatorEn = "For advertising"; break;
            case "recipientPurpose": m.Purpose.Recipient = "広告のため"; break;
            case "recipientPurposeEn": m.Purpose.RecipientEn = "For advertising"; break;
            case "measure": m.Measure = TransmissionMeasure.Publication; break;
            case "category": m.Category = ModuleCategory.Advertising; break;
            case "name": m.Name = "アクセス解析ツール"; break;
            case "nameEn": m.NameEn = "Analytics tool"; break;
            case "privacyPolicy": m.Recipient.PrivacyPolicyUrl = "https://example.com/new-policy"; break;
            case "hosts": m.Hosts.Add("collect2.example.com"); break;
            case "cookies": m.Cookies.Add("_ex2"); break;
            case "consentMode": m.ConsentModeTypes.Add("ad_storage"); break;
        }

        TransmissionCatalog.ComputeFingerprint(m).Should().NotBe(TransmissionCatalog.ComputeFingerprint(Declarations.Valid().FindModule("analytics")!));
    }

    [Fact]
    public void Expired_entries_count_as_no_decision()
    {
        var cookie = _h.Cookie(("analytics", RecordedDecision.Granted));
        _h.Time.Advance(TimeSpan.FromDays(181));
        _h.Request(cookie).GetStatus("analytics").Should().Be(TransmissionStatus.Pending);
    }
}
