using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsentKit.IntegrationTests;

public class NoticePageTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    private ExternalTransmissionOptions Declared => factory.Services.GetRequiredService<IOptions<ExternalTransmissionOptions>>().Value;

    private async Task<IDocument> NoticeAsync(string query = "", string? acceptLanguage = null)
    {
        var client = factory.CreateClient();
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        }

        var response = await client.GetAsync("/external-transmission" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.HtmlAsync();
    }

    [Fact]
    public async Task R1_R2_R4_R5_R6_EveryDeclaredItemOfEveryModuleAppearsInJapanese()
    {
        var doc = await NoticeAsync();
        doc.DocumentElement.GetAttribute("lang").Should().Be("ja");
        Declared.Modules.Should().HaveCountGreaterThan(5);
        foreach (var m in Declared.Modules)
        {
            var section = doc.QuerySelector($"section#module-{m.Id}");
            section.Should().NotBeNull($"module '{m.Id}' must have its own section");
            var text = section!.TextContent;
            section.QuerySelector("h3")!.TextContent.Should().Be(m.Name);
            foreach (var item in m.Information)
            {
                section.QuerySelectorAll("li").Select(li => li.TextContent).Should().Contain(item);
            }

            if (m.Recipient.Name is { } recipient)
            {
                text.Should().Contain(recipient);
            }

            if (m.Recipient.Service is { } service)
            {
                text.Should().Contain("サービス名: " + service, "R5: the better-known service name is shown beside the legal name");
            }

            if (m.Exemption is null)
            {
                RowText(section, "利用目的 (当サイト)").Should().Be(m.Purpose.Operator);
                RowText(section, "利用目的 (送信先)").Should().Be(m.Purpose.Recipient);
                // Issue 10: the row speaks plainly (送信の条件) instead of the legal term 措置.
                RowText(section, "送信の条件").Should().StartWith(m.Measure switch
                {
                    TransmissionMeasure.Consent => "同意が必要",
                    TransmissionMeasure.Notice => "画面でお知らせ",
                    TransmissionMeasure.OptOut => "停止を求められます",
                    _ => "このページでお知らせ",
                });
            }
            else
            {
                section.Closest("section.ck-exempt").Should().NotBeNull("exempt modules are listed separately");
                RowText(section, "必要な理由").Should().Be(m.Exemption.Reason);
            }

            if (m.Recipient.PrivacyPolicyUrl is { } url)
            {
                section.QuerySelector($"a[href='{url}']").Should().NotBeNull("R37");
            }
        }
    }

    [Fact]
    public async Task R1_R2_R4_R6_EveryDeclaredItemOfEveryModuleAppearsInEnglish()
    {
        var doc = await NoticeAsync("?lang=en");
        doc.DocumentElement.GetAttribute("lang").Should().Be("en");
        foreach (var m in Declared.Modules)
        {
            var section = doc.QuerySelector($"section#module-{m.Id}")!;
            section.QuerySelector("h3")!.TextContent.Should().Be(m.NameEn ?? m.Name);
            var items = section.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
            foreach (var item in m.InformationEn.Count > 0 ? m.InformationEn : m.Information)
            {
                items.Should().Contain(item);
            }

            if (m.Exemption is null)
            {
                RowText(section, "Site's purpose of use").Should().Be(m.Purpose.OperatorEn ?? m.Purpose.Operator);
                RowText(section, "Recipient's purpose of use").Should().Be(m.Purpose.RecipientEn ?? m.Purpose.Recipient);
            }
        }
    }

    [Fact]
    public async Task R27_R28_R29_R30_R31_OptOutModuleShowsTheSevenItems()
    {
        var doc = await NoticeAsync();
        var line = Declared.FindModule("line-tag")!;
        var section = doc.QuerySelector("section#module-line-tag")!;
        RowText(section, "オプトアウト").Should().Contain("停止を求めることができます");                 // (i)
        RowText(section, "オプトアウトで停止する行為").Should().Be("情報の送信を停止します");             // (ii)
        RowText(section, "オプトアウトの受付方法").Should().Contain("送信を停止する");                    // (iii)
        RowText(section, "オプトアウトによる利用の制限").Should().Be(line.OptOut!.Limitations);          // (iv)
        section.QuerySelectorAll("li").Select(li => li.TextContent).Should().Contain(line.Information); // (v)
        RowText(section, "送信先の事業者").Should().StartWith(line.Recipient.Name);                        // (vi)
        RowText(section, "利用目的 (送信先)").Should().Be(line.Purpose.Recipient);                         // (vii)
        section.QuerySelector("form button[value='opt-out']").Should().NotBeNull("the disclosed method is on the page");
    }

    [Fact]
    public async Task R35_LastUpdatedAndOperatorAreShown()
    {
        var doc = await NoticeAsync();
        doc.QuerySelector("time[datetime='2026-11-01']")!.TextContent.Should().Be("2026年11月1日");
        doc.QuerySelector("main p")!.TextContent.Should().StartWith("株式会社さくら新聞デジタル");
    }

    [Fact]
    public async Task R38_EnglishByAcceptLanguageWithJapaneseOneClickAway()
    {
        var doc = await NoticeAsync(acceptLanguage: "en-US,en;q=0.9,ja;q=0.5");
        doc.DocumentElement.GetAttribute("lang").Should().Be("en");
        doc.QuerySelector("nav.ck-lang a[hreflang='ja']")!.GetAttribute("href").Should().Be("?lang=ja");

        (await NoticeAsync(acceptLanguage: "ja,en;q=0.8")).DocumentElement.GetAttribute("lang").Should().Be("ja");
        (await NoticeAsync(acceptLanguage: "fr-FR")).DocumentElement.GetAttribute("lang").Should().Be("ja", "Japanese is the default");
    }

    [Fact]
    public async Task R8_R9_R10_PageIsStructuredLegibleAndHasAGlossary()
    {
        var doc = await NoticeAsync();
        doc.QuerySelector("meta[name=viewport]")!.GetAttribute("content").Should().Be("width=device-width, initial-scale=1");
        doc.QuerySelectorAll("h1").Should().ContainSingle();
        doc.QuerySelectorAll("h2").Length.Should().BeGreaterThanOrEqualTo(3);
        doc.QuerySelectorAll("table.ck-items th[scope=row]").Should().NotBeEmpty();
        doc.QuerySelectorAll(".ck-glossary dt").Select(d => d.TextContent).Should().Contain(["Cookie（クッキー）", "タグ", "IPアドレス"]);
    }

    [Fact]
    public async Task NoticePageHasNoInlineScriptOrStyleAndAStrictPolicy()
    {
        var response = await factory.CreateClient().GetAsync("/external-transmission");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'");
        var doc = await response.HtmlAsync();
        doc.QuerySelectorAll("script").Should().BeEmpty();
        doc.QuerySelectorAll("[style]").Should().BeEmpty();
        doc.All.SelectMany(e => e.Attributes).Select(a => a.Name).Should().NotContain(n => n.StartsWith("on"));
    }

    [Fact]
    public async Task NoticeIsServedWithAnETagAndAnswers304()
    {
        var client = factory.CreateClient();
        var first = await client.GetAsync("/external-transmission");
        var etag = first.Headers.ETag!;
        first.Content.Headers.ContentLength.Should().Be((await first.Content.ReadAsByteArrayAsync()).Length, "written in one piece with its exact length");
        first.Headers.CacheControl!.Private.Should().BeTrue();

        var again = new HttpRequestMessage(HttpMethod.Get, "/external-transmission");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again);
        second.StatusCode.Should().Be(HttpStatusCode.NotModified);

        var stale = new HttpRequestMessage(HttpMethod.Get, "/external-transmission");
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"stale\""));
        (await client.SendAsync(stale)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task R39_JsonCarriesTheSameItems()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/external-transmission.json");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var modules = json.RootElement.GetProperty("modules").EnumerateArray().ToList();
        modules.Select(m => m.GetProperty("id").GetString()).Should().BeEquivalentTo(Declared.Modules.Select(m => m.Id));
        var ga = modules.Single(m => m.GetProperty("id").GetString() == "google-analytics");
        ga.GetProperty("purpose").GetProperty("recipient").GetProperty("ja").GetString().Should().Be(Declared.FindModule("google-analytics")!.Purpose.Recipient);
        ga.GetProperty("information").EnumerateArray().Select(i => i.GetProperty("en").GetString())
            .Should().Equal(Declared.FindModule("google-analytics")!.InformationEn);
        json.RootElement.GetProperty("noticeSha256").GetProperty("ja").GetString().Should().MatchRegex("^[0-9a-f]{64}$");

        var again = new HttpRequestMessage(HttpMethod.Get, "/external-transmission.json");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await client.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task R11_R12_EveryPageLinksToTheNoticeInOneClick()
    {
        var client = factory.CreateClient();
        foreach (var path in new[] { "/", "/articles/harbor-festival", "/my-privacy" })
        {
            var doc = await (await client.GetAsync(path)).HtmlAsync();
            doc.QuerySelector("footer a[href='/external-transmission']")!.TextContent.Should().Be("利用者情報の外部送信について", path);
        }
    }

    [Fact]
    public async Task AssetsAreServedImmutableAndGzipped()
    {
        var client = factory.CreateClient();
        var doc = await NoticeAsync();
        var href = doc.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var request = new HttpRequestMessage(HttpMethod.Get, "/" + href);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.ToString().Should().Contain("immutable");
        response.Content.Headers.ContentEncoding.Should().Contain("gzip");
        (await client.GetAsync("/external-transmission/assets/nothing.txt")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static string RowText(IElement section, string header) =>
        section.QuerySelectorAll("tr").First(tr => tr.QuerySelector("th")?.TextContent == header).QuerySelector("td")!.TextContent.Trim();
}
