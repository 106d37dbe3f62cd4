namespace ConsentKit.Tests;

/// <summary>Validation accepts the lawful wording real Japanese notices use (issue 10), and stays strict on request.</summary>
public class RealWordingTests
{
    private static ModuleDeclaration Module(ExternalTransmissionOptions o, string id) => o.Modules.Single(m => m.Id == id);

    [Theory]
    [InlineData("閲覧履歴（閲覧日時、URLなど）")]
    [InlineData("端末の情報（OSの種類、画面の大きさ等）")]
    [InlineData("Browsing history (time viewed, URL, etc.)")]
    public void R3_ACatchAllAfterConcreteExamplesInBracketsIsAccepted(string item)
    {
        DeclarationText.FindVagueTerm(item).Should().BeNull();
    }

    [Theory]
    [InlineData("閲覧履歴など")]
    [InlineData("閲覧履歴（など）")]
    public void R3_ACatchAllWithoutExamplesIsStillFound(string item)
    {
        DeclarationText.FindVagueTerm(item).Should().NotBeNull();
    }

    [Fact]
    public void R3_TreatWarningsAsErrorsStopsStartupOnACatchAll()
    {
        var o = Declarations.Valid();
        Module(o, "analytics").Information[0] = "閲覧履歴など";
        var act = () => new TransmissionCatalog(o);
        act.Should().NotThrow("a warning alone does not stop the site");

        o.TreatWarningsAsErrors = true;
        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain("R3");
    }

    [Theory]
    [InlineData("https://www.googletagmanager.com/", "www.googletagmanager.com")]
    [InlineData("https://collect.example.com/path?x=1", "collect.example.com")]
    [InlineData("cdn.example.com:8443", "cdn.example.com")]
    [InlineData("お名前.jp", "xn--t8jx73hngb.jp")]
    [InlineData("*.Example.JP", "*.example.jp")]
    public void R34_HostsMayBeWrittenAsOriginsUrlsWithPortsOrIdn(string written, string normal)
    {
        var o = Declarations.Valid();
        Module(o, "analytics").Hosts.Add(written);
        DeclarationValidator.Validate(o).Should().BeEmpty();
        new TransmissionCatalog(o).Find("analytics")!.Hosts.Should().Contain(normal);
    }

    [Theory]
    [InlineData("ftp://files.example.com/")]
    [InlineData("not a host!")]
    [InlineData("")]
    public void R34_SomethingThatIsNoHostIsStillAnError(string written)
    {
        var o = Declarations.Valid();
        Module(o, "analytics").Hosts.Add(written);
        DeclarationValidator.Validate(o).Should().ContainSingle(p => p.Severity == DeclarationSeverity.Error);
    }

    [Fact]
    public void ModuleIdsAreCaseInsensitive()
    {
        var o = Declarations.Valid();
        o.AddModule("Google-Analytics", m => Declarations.Consent(m));
        DeclarationValidator.Validate(o).Should().BeEmpty();
        new TransmissionCatalog(o).Find("google-analytics").Should().NotBeNull();

        o.AddModule("GOOGLE-ANALYTICS", m => Declarations.Consent(m));
        DeclarationValidator.Validate(o).Should().Contain(p => p.Problem.Contains("more than once"));
    }

    [Fact]
    public void AModuleWithoutACategoryIsAllowed()
    {
        var o = Declarations.Valid();
        Module(o, "analytics").Category = null;
        DeclarationValidator.Validate(o).Should().BeEmpty();
        var page = NoticeRenderer.RenderPage(new TransmissionCatalog(o), NoticeLanguage.Japanese, "s.css", "n.json");
        page.Should().Contain("アクセス解析");
    }
}
