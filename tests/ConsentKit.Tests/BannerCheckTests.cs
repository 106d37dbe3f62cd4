using Microsoft.AspNetCore.Http;

namespace ConsentKit.Tests;

/// <summary>A site's own banner counts as the notice only when it shows the required parts (R14, Ordinance 22-2-29).</summary>
public class BannerCheckTests
{
    private static (ConsentBannerModel Model, string Complete) Model()
    {
        var h = new TagHelperHarness();
        var view = h.Request();
        var http = view.HttpContext;
        var model = h.Get<ConsentMarkup>().BannerModel(http, http.GetExternalTransmissionInternal(), NoticeLanguage.Japanese);
        var complete = h.Get<ConsentMarkup>().BannerText(http, model);
        return (model, complete);
    }

    [Fact]
    public void R14_TheBuiltInBannerShowsEveryRequiredPart()
    {
        var (model, complete) = Model();
        model.Modules.Should().NotBeEmpty();
        BannerCheck.MissingParts(complete, model).Should().BeEmpty();
    }

    [Fact]
    public void R14_ABannerWithoutTheLinkOrTheItemsIsNotTheNotice()
    {
        var (model, _) = Model();
        var bare = "<section id=\"ck-banner\"><p>クッキーを使います。</p><form><button>同意する</button></form></section>";
        var missing = BannerCheck.MissingParts(bare, model);
        missing.Should().Contain(p => p.Contains("link to the notice"));
        missing.Should().Contain(p => p.Contains("the recipient")).And.Contain(p => p.Contains("the information sent")).And.Contain(p => p.Contains("the purpose"));
    }

    [Fact]
    public void R14_JapaneseWrittenAsCharacterReferencesStillCounts()
    {
        var (model, complete) = Model();
        // What Razor's default encoder does to Japanese text.
        var encoded = string.Concat(complete.Select(c => c > 0x7F ? $"&#x{(int)c:X};" : c.ToString()));
        BannerCheck.MissingParts(encoded, model).Should().BeEmpty();
    }

    [Fact]
    public void R14_AnIncompleteBannerDoesNotTellTheClientItsNoticeModulesWereShown()
    {
        var (model, _) = Model();
        var script = model.ClientScript.ToString()!;
        script.Should().Contain("data-ck-shown=\"video\"", "the model's script names the Notice module the banner would show");
        var bare = "<section id=\"ck-banner\"><p>クッキーを使います。</p></section>" + script;

        var withheld = BannerCheck.WithholdShown(bare, model);
        withheld.Should().Contain("data-ck-shown=\"\"").And.NotContain("data-ck-shown=\"video\"");
        withheld.Should().Contain("data-ck-state=", "the rest of the script is untouched");
    }
}
