using System.Text.Encodings.Web;
using ConsentKit;
using ConsentKit.Samples.MinimalApi;

// A weather API with a small HTML front page, and no Razor or MVC at all: ConsentKit's core is plain middleware and
// endpoints. Server code asks HttpContext.GetExternalTransmission() before it sends anything itself.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddExternalTransmissionNotice(o =>
{
    o.Operator.Name = "株式会社そらもよう（架空）";
    o.Operator.NameEn = "Soramoyo K.K. (fictional)";
    o.LastUpdated = new DateOnly(2026, 9, 1);

    // Sent by this server, not by the browser: the visitor's choice still governs it.
    o.AddModule("server-analytics", m => m
        .Named("サーバーからのアクセス解析", "Server-side analytics")
        .InCategory(ModuleCategory.Analytics)
        .SendsTo("Google LLC", service: "Google アナリティクス（Measurement Protocol）", serviceEn: "Google Analytics (Measurement Protocol)")
        .Sends("問い合わせた地域の名前", "The name of the area you looked up")
        .Sends("問い合わせた日時", "When you looked it up")
        .WithPurposes("どの地域の天気がよく調べられているかを集計するため", "Google が当社に集計結果を提供するため",
                      "To count which areas' weather people look up", "For Google to give us the counts")
        .WithMeasure(TransmissionMeasure.Consent));

    o.AddModule("radar-tiles", m => m
        .Named("雨雲レーダーの地図画像", "Rain radar map images")
        .InCategory(ModuleCategory.Embed)
        .SendsTo("気象画像配信株式会社（架空）", legalNameEn: "Weather Imaging K.K. (fictional)")
        .Sends("表示している地図の範囲", "The part of the map you are viewing")
        .Sends("IPアドレス", "IP address")
        .WithPurposes("雨雲の動きを地図で見られるようにするため", "地図画像を配信し、配信量に応じて料金を計算するため",
                      "To show rain clouds moving on a map", "To deliver map images and bill by volume")
        .WithOptOut(OptOutScope.Transmission, "雨雲レーダーの地図が表示されなくなります。", "The rain radar map is no longer shown.")
        .ContactsHosts("tiles.weather-imaging.example"));
});

var app = builder.Build();
app.UseExternalTransmissionNotice();
app.MapExternalTransmissionNotice();

app.MapGet("/", (HttpContext context) => Results.Content(Pages.Home(context), "text/html; charset=utf-8"));

// A server-side send, gated on the same state the tag helpers use.
app.MapGet("/api/forecast/{area}", (string area, HttpContext context, ILogger<Program> log) =>
{
    var sent = context.GetExternalTransmission().IsAllowed("server-analytics");
    if (sent)
    {
        log.LogInformation("Measurement Protocol hit for area {Area} (simulated; nothing leaves the machine)", area);
    }

    return Results.Ok(new { area, forecast = "晴れ のち くもり", analyticsSent = sent });
});

app.MapGet("/api/consent", (HttpContext context) =>
{
    var state = context.GetExternalTransmission();
    return Results.Ok(new
    {
        receipt = state.ReceiptId,
        gpc = state.GlobalPrivacyControl,
        modules = state.Modules.ToDictionary(m => m.ModuleId, m => m.Status.ToString()),
    });
});

app.Run();

namespace ConsentKit.Samples.MinimalApi
{
    /// <summary>The one HTML page, written by hand: every value that varies is HTML-encoded.</summary>
    public sealed class Pages
    {
        private Pages()
        {
        }

        public static string Home(HttpContext context)
        {
            var state = context.GetExternalTransmission();
            var radar = state.IsAllowed("radar-tiles")
                ? "<img src=\"https://tiles.weather-imaging.example/radar/now.png\" alt=\"現在の雨雲レーダー\" width=\"320\" height=\"240\">"
                : "<p>雨雲レーダーの表示は停止しています。</p>";
            var rows = string.Concat(state.Modules.Select(m =>
                $"<tr><th scope=\"row\">{HtmlEncoder.Default.Encode(m.ModuleId)}</th><td>{m.Status}</td></tr>"));
            return $$"""
                <!DOCTYPE html>
                <html lang="ja">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>そらもよう天気</title></head>
                <body>
                <main>
                <h1>そらもよう天気</h1>
                <p>港町の天気: 晴れ のち くもり</p>
                {{radar}}
                <h2>いまの設定</h2>
                <table><tbody>{{rows}}</tbody></table>
                <p>アクセス解析への同意や、雨雲レーダーの停止は「利用者情報の外部送信について」のページで選べます。</p>
                </main>
                <footer><a href="/external-transmission">利用者情報の外部送信について</a></footer>
                </body>
                </html>
                """;
        }
    }
}
