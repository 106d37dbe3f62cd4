namespace ConsentKit.IntegrationTests;

internal static class Fixtures
{
    /// <summary>One module per measure plus both kinds of exemption.</summary>
    public static ExternalTransmissionOptions Declare(ExternalTransmissionOptions o)
    {
        o.Operator.Name = "株式会社テスト";
        o.Operator.FirstPartyHosts.Add("localhost");
        o.AddModule("analytics", m => Base(m, ModuleCategory.Analytics).WithMeasure(TransmissionMeasure.Consent).SetsCookies("_ex", "_ex_*").MapsToConsentMode("analytics_storage"));
        o.AddModule("ads", m => Base(m, ModuleCategory.Advertising).WithOptOut(OptOutScope.Transmission, "なし", "None").SetsCookies("_ads"));
        o.AddModule("video", m => Base(m, ModuleCategory.Embed).WithMeasure(TransmissionMeasure.Notice));
        o.AddModule("fonts", m => Base(m, ModuleCategory.Infrastructure).WithMeasure(TransmissionMeasure.Publication));
        o.AddModule("captcha", m => m.Named("スパム対策", "Spam protection").InCategory(ModuleCategory.Security).SendsTo("Google LLC")
            .Sends("IPアドレス", "IP address").Exempt(ExemptionBasis.FraudPrevention, "投稿フォームへの機械的な投稿を防ぐため", "To stop automated posts"));
        o.AddModule("session", m => m.Named("セッション識別子", "Session identifier").InCategory(ModuleCategory.Functional)
            .Exempt(ExemptionBasis.FirstPartyIdentifier, "当サイトが発行した識別子を当サイトにだけ送るため").ContactsHosts("localhost").SetsCookies(".Session"));
        return o;
    }

    internal static ModuleDeclaration Base(ModuleDeclaration m, ModuleCategory category) => m
        .Named(m.Id + " モジュール", m.Id + " module")
        .InCategory(category)
        .SendsTo("Example " + m.Id + " Inc.", service: m.Id + " サービス", serviceEn: m.Id + " service", privacyPolicyUrl: "https://" + m.Id + ".example.com/privacy")
        .Sends("閲覧したページのURL", "URL of the page viewed")
        .Sends("IPアドレス", "IP address")
        .WithPurposes(m.Id + " の利用状況を集計するため", "送信先が " + m.Id + " を提供するため", "To count " + m.Id + " use", "For the recipient to provide " + m.Id)
        .ContactsHosts(m.Id + ".example.com");
}
