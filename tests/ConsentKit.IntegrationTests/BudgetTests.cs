using System.IO.Compression;
using System.Text;

namespace ConsentKit.IntegrationTests;

public class BudgetTests
{
    /// <summary>Realistic modules: six concrete items, two full purposes, an opt-out on every third.</summary>
    internal static ExternalTransmissionOptions FiftyModules(ExternalTransmissionOptions o)
    {
        o.Operator.Name = "株式会社さくら新聞デジタル";
        o.LastUpdated = new DateOnly(2026, 11, 1);
        for (var i = 0; i < 50; i++)
        {
            var n = i;
            o.AddModule($"module-{n:00}", m =>
            {
                m.Named($"計測タグ {n}", $"Measurement tag {n}")
                 .InCategory(ModuleCategory.Advertising)
                 .SendsTo($"広告配信株式会社 {n}", service: $"広告サービス {n}", privacyPolicyUrl: $"https://ads{n}.example.com/privacy")
                 .Sends("閲覧したページのURLとタイトル", "URL and title of the pages you view")
                 .Sends("直前に見ていたページのURL（参照元）", "URL of the page you came from")
                 .Sends("ページを閲覧した日時", "Date and time of each page view")
                 .Sends("ブラウザの種類、言語の設定、画面の大きさ", "Browser type, language and screen size")
                 .Sends("IPアドレス", "IP address")
                 .Sends("Cookie に保存したブラウザごとの識別子", "An identifier for your browser, stored in a cookie")
                 .WithPurposes("当サイトに出した広告が、どれだけ記事の購読につながったかを測るため",
                               "送信先が広告の配信先を選び、広告の効果を測り、広告配信の仕組みを改善するため",
                               "To measure how many subscriptions our ads lead to",
                               "For the recipient to choose who sees ads, measure their effect and improve its ad delivery")
                 .ContactsHosts($"tag{n}.ads.example.com", $"collect{n}.ads.example.com")
                 .WithMeasure(TransmissionMeasure.Consent);
                if (n % 3 == 0)
                {
                    m.WithOptOut(OptOutScope.Transmission, "なし。記事はこれまでどおり読めます。", "None. You can read articles as before.");
                }
            });
        }

        return o;
    }

    /// <summary>
    /// The notice page for 50 modules stays at or under 160 KB of HTML and 12 KB gzipped (measured: 152 KB and 7 KB).
    /// Why that bound: each module carries the legally required rows, about 2.5 KB of mostly Japanese UTF-8 (3 bytes
    /// per character), plus one form of controls; 50 modules is a heavy media site. The rows repeat, so they compress
    /// well: 12 KB on the wire is under what the smallest open-source banner (Osano, 8.1 KB) and its stylesheet cost
    /// together, for a page that has no script at all.
    /// </summary>
    [Fact]
    public async Task Budget_NoticePageFor50ModulesStaysSmall()
    {
        await using var host = await TestHost.StartAsync(declare: o => FiftyModules(o));
        var html = await (await new Visitor(host.Server).GetAsync("/external-transmission")).Content.ReadAsStringAsync();
        var raw = Encoding.UTF8.GetByteCount(html);
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
        {
            zip.Write(Encoding.UTF8.GetBytes(html));
        }

        raw.Should().BeLessThanOrEqualTo(160 * 1024, $"raw {raw} bytes");
        gz.Length.Should().BeLessThanOrEqualTo(12 * 1024, $"gzipped {gz.Length} bytes");
        html.Split("class=\"ck-module\"").Length.Should().Be(51, "all 50 modules are on the page");
    }
}
