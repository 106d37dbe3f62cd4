namespace ConsentKit.Tests;

/// <summary>Valid declarations to start each test from; each test breaks exactly one thing.</summary>
internal static class Declarations
{
    public static ExternalTransmissionOptions Valid()
    {
        var o = new ExternalTransmissionOptions();
        o.Operator.Name = "株式会社テスト";
        o.Operator.FirstPartyHosts.Add("www.example.jp");
        o.AddModule("analytics", m => Consent(m));
        o.AddModule("ads", m => Consent(m.InCategory(ModuleCategory.Advertising)).WithMeasure(TransmissionMeasure.OptOut)
            .WithOptOut(OptOutScope.Transmission, "なし"));
        o.AddModule("video", m => Consent(m.InCategory(ModuleCategory.Embed)).WithMeasure(TransmissionMeasure.Notice));
        o.AddModule("fonts", m => Consent(m.InCategory(ModuleCategory.Infrastructure)).WithMeasure(TransmissionMeasure.Publication));
        o.AddModule("captcha", m => m.Named("スパム対策").InCategory(ModuleCategory.Security)
            .SendsTo("Google LLC").Sends("IPアドレス")
            .Exempt(ExemptionBasis.FraudPrevention, "投稿フォームへの機械的な投稿を防ぐため"));
        o.AddModule("session", m => m.Named("セッション識別子").InCategory(ModuleCategory.Functional)
            .Exempt(ExemptionBasis.FirstPartyIdentifier, "当サイトが発行した識別子を当サイトにだけ送るため")
            .ContactsHosts("www.example.jp"));
        return o;
    }

    public static ModuleDeclaration Consent(ModuleDeclaration m) => m
        .Named("アクセス解析", "Analytics")
        .InCategory(m.Category ?? ModuleCategory.Analytics)
        .SendsTo("Example Analytics Inc.", service: "Example 解析")
        .Sends("閲覧したページのURL", "URL of the page viewed")
        .Sends("IPアドレス", "IP address")
        .WithPurposes("記事の閲覧数を集計するため", "送信先が集計結果を当サイトに提供するため")
        .WithMeasure(TransmissionMeasure.Consent)
        .ContactsHosts("collect.example.com")
        .SetsCookies("_ex", "_ex_*");

    public static IReadOnlyList<DeclarationProblem> Problems(Action<ExternalTransmissionOptions> breakIt)
    {
        var o = Valid();
        breakIt(o);
        return DeclarationValidator.Validate(o);
    }
}
