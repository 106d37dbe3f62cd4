namespace ConsentKit.Tests;

/// <summary>Declarations whose every text is hostile markup or script. Each still passes validation.</summary>
public static class Payloads
{
    public const string Html = "\"><img src=x onerror=alert(1)><script>alert('x')</script>&amp;</textarea>";

    public static ExternalTransmissionOptions Hostile(ExternalTransmissionOptions? into = null)
    {
        var o = into ?? new ExternalTransmissionOptions();
        o.Operator.Name = "株式会社" + Html;
        o.Operator.NameEn = "Operator" + Html;
        o.Operator.Contact = "javascript:alert(1)" + Html;
        o.Operator.FirstPartyHosts.Add("localhost");
        o.AddModule("evil", m => m
            .Named("名前" + Html, "Name" + Html)
            .InCategory(ModuleCategory.Analytics)
            .SendsTo("送信先" + Html, service: "サービス" + Html, privacyPolicyUrl: "https://example.com/p?q=\"><script>alert(1)</script>", serviceEn: "Service" + Html)
            .Sends("閲覧したページ" + Html, "Page" + Html)
            .WithPurposes("当サイトの目的" + Html, "送信先の目的" + Html, "Our purpose" + Html, "Their purpose" + Html)
            .WithMeasure(TransmissionMeasure.Consent)
            .MapsToConsentMode("analytics_storage"));
        o.AddModule("evil-optout", m => m
            .Named("停止" + Html)
            .InCategory(ModuleCategory.Advertising)
            .SendsTo("送信先" + Html)
            .Sends("IPアドレス" + Html)
            .WithPurposes("目的" + Html, "目的" + Html)
            .WithOptOut(OptOutScope.Use, "制限" + Html, method: "方法" + Html, url: "https://example.com/optout?x=\"><script>alert(1)</script>"));
        o.AddModule("evil-exempt", m => m
            .Named("除外" + Html)
            .InCategory(ModuleCategory.Security)
            .SendsTo("送信先" + Html)
            .Sends("操作の記録" + Html)
            .Exempt(ExemptionBasis.FraudPrevention, "理由" + Html, "Reason" + Html));
        return o;
    }
}
