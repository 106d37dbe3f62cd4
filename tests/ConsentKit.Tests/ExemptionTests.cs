namespace ConsentKit.Tests;

/// <summary>Exemptions that cannot hold are refused; exempt modules show everything the site declared.</summary>
public class ExemptionTests
{
    [Fact]
    public void R19_AnEmbedFromAnotherCompanyCannotClaimServiceDelivery()
    {
        var o = Declarations.Valid();
        o.AddModule("youtube-embed", m => m.Named("動画").InCategory(ModuleCategory.Embed).SendsTo("Google LLC")
            .Sends("ブラウザの識別子").ContactsHosts("www.youtube-nocookie.com")
            .Exempt(ExemptionBasis.ServiceDelivery, "動画を表示するため"));
        var problem = DeclarationValidator.Validate(o).Should().ContainSingle(p => p.ModuleId == "youtube-embed").Subject;
        problem.Citation.Should().Contain("22-2-30");
        problem.Problem.Should().Contain("Embed");
    }

    [Fact]
    public void R19_AnEmbedServedFromTheOperatorsOwnHostMayStillBeExempt()
    {
        var o = Declarations.Valid();
        o.AddModule("own-video", m => m.Named("動画").InCategory(ModuleCategory.Embed).SendsTo("株式会社テスト")
            .Sends("表示する動画の番号").ContactsHosts("www.example.jp")
            .Exempt(ExemptionBasis.ServiceDelivery, "動画を表示するため"));
        DeclarationValidator.Validate(o).Should().BeEmpty();
    }

    [Fact]
    public void R17_ExemptModulesShowThePurposesTheSiteDeclared()
    {
        var o = Declarations.Valid();
        var captcha = o.Modules.Single(m => m.Id == "captcha");
        captcha.Purpose.Operator = "不正な投稿を防ぐため";
        captcha.Purpose.Recipient = "自動化された操作を見分けるため";
        var page = NoticeRenderer.RenderPage(new TransmissionCatalog(o), NoticeLanguage.Japanese, "s.css", "n.json");
        page.Should().Contain("不正な投稿を防ぐため").And.Contain("自動化された操作を見分けるため");
    }
}
