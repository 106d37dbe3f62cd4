using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using FluentAssertions;
using Xunit;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Issue 17: every visitor-facing text of the notice page and of the choices endpoint's refusal page comes from
/// <see cref="VisitorText"/>, so a site can replace it; a replacement is plain text, encoded for HTML.
/// </summary>
public class VisitorTextOverrideTests
{
    private static async Task<IHtmlDocument> GetAsync(TestHost host, string path)
    {
        var response = await host.Server.CreateClient().GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, IHtmlDocument Page)> RefusedAsync(TestHost host)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/external-transmission/choices")
        {
            Content = new FormUrlEncodedContent([new("action", "accept-all")]),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await host.Server.CreateClient().SendAsync(request);
        return (response.StatusCode, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task R8_A_site_replaces_notice_page_texts_in_both_languages()
    {
        await using var host = await TestHost.StartAsync(o =>
        {
            Fixtures.Declare(o);
            o.Text.Overrides["ja:ExemptHeading"] = "表示に欠かせない送信";
            o.Text.En.GlossaryHeading = "Words we use";
            o.Text.Ja.NoticeIntro = "{operator}のサイトが送る情報の一覧です。";
            o.Text.Ja.StatusNotChosen = "未選択です。";
            o.Text.Overrides["en:TermCookieMeaning"] = "A small file your browser keeps for a site.";
        });

        var ja = await GetAsync(host, "/external-transmission");
        ja.QuerySelector("#ck-exempt-title")!.TextContent.Should().Be("表示に欠かせない送信");
        ja.QuerySelector("main > p")!.TextContent.Should().Be("株式会社テストのサイトが送る情報の一覧です。");
        ja.QuerySelector("#choice-analytics p")!.TextContent.Should().Be("あなたの選択: 未選択です。");
        ja.QuerySelector("#ck-glossary-title")!.TextContent.Should().Be("用語の説明", "the English override leaves the Japanese text alone");

        var en = await GetAsync(host, "/external-transmission?lang=en");
        en.QuerySelector("#ck-glossary-title")!.TextContent.Should().Be("Words we use");
        en.QuerySelector("#ck-exempt-title")!.TextContent.Should().Be("Sent as needed to provide the service");
        en.QuerySelectorAll(".ck-glossary dt").Single(dt => dt.TextContent == "Cookie").NextElementSibling!.TextContent
            .Should().Be("A small file your browser keeps for a site.");
    }

    [Fact]
    public async Task A_site_replaces_the_refusal_page_texts_and_the_JSON_reasons()
    {
        await using var host = await TestHost.StartAsync(o =>
        {
            Fixtures.Declare(o);
            o.Text.Ja.NotAccepted = "お受けできませんでした";
            o.Text.Overrides["ja:RefusedCrossSite"] = "別のサイトからは変更できません。";
            o.Text.En.ChoicesUnchanged = "Nothing changed.";
        });

        var (status, page) = await RefusedAsync(host);
        status.Should().Be(HttpStatusCode.Forbidden);
        page.QuerySelector("h1")!.TextContent.Should().Be("お受けできませんでした");
        page.Title.Should().Be("お受けできませんでした / Not accepted");
        page.QuerySelector("main > p")!.TextContent.Should().Be("別のサイトからは変更できません。 あなたの選択は変更されていません。");
        page.QuerySelector("p[lang=en]")!.TextContent.Should().Be("A choice cannot be made from another site. Nothing changed.");
    }

    [Fact]
    public async Task Markup_in_a_replaced_text_is_shown_as_text_never_run()
    {
        const string Attack = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";
        await using var host = await TestHost.StartAsync(o =>
        {
            Fixtures.Declare(o);
            o.Text.Ja.NoticeIntro = Attack + "{operator}";
            o.Text.Ja.LanguageSwitchLabel = Attack;
            o.Text.Ja.OptOutHere = Attack;
            o.Text.Ja.StatusSent = Attack;
            o.Text.Ja.NotAccepted = Attack;
            o.Text.Ja.RefusedCrossSite = Attack;
        });

        var notice = await GetAsync(host, "/external-transmission");
        notice.QuerySelectorAll("script, img").Should().BeEmpty();
        notice.QuerySelector("main > p")!.TextContent.Should().Be(Attack + "株式会社テスト");
        notice.QuerySelector("nav.ck-lang")!.GetAttribute("aria-label").Should().Be(Attack);
        notice.QuerySelector("#choice-ads p")!.TextContent.Should().Be("あなたの選択: " + Attack);

        var (_, refused) = await RefusedAsync(host);
        refused.QuerySelectorAll("script, img").Should().BeEmpty();
        refused.QuerySelector("h1")!.TextContent.Should().Be(Attack);
        refused.QuerySelector("main > p")!.TextContent.Should().StartWith(Attack);
    }
}
