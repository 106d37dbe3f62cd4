using ConsentKit;
using ConsentKit.Samples.RazorPages;
using Microsoft.AspNetCore.Authentication.Cookies;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorPages(o =>
{
    // The operators' pages: every page under /Admin needs the records policy, except the sign-in page.
    o.Conventions.AuthorizeFolder("/Admin", ConsentRecordsAdmin.Policy);
    o.Conventions.AllowAnonymousToPage("/Admin/Login");
});
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o => { o.LoginPath = "/admin/login"; o.Cookie.Name = ".Sakura.Admin"; });
builder.Services.AddAuthorization(o => o.AddPolicy(ConsentRecordsAdmin.Policy, p => p.RequireRole(ConsentRecordsAdmin.Role)));

// Declarations in code. More modules, and the operator, are declared in appsettings.json; configuration is
// applied after code, so appsettings.{Environment}.json or an environment variable can override any module,
// for example ConsentKit__Modules__google-analytics__Measure=OptOut.
builder.Services.AddExternalTransmissionNotice(o =>
{
    // ConsentKit's Content Security Policy, enforced: 'self', the declared hosts of the modules this visitor allows (or
    // is asked about), and the hashes of the inline scripts ConsentKit emits or gates. No nonce, so the first-visit HTML
    // is the same for every first visitor. Configuration: ConsentKit:ContentSecurityPolicy:Mode.
    o.ContentSecurityPolicy.Mode = ContentSecurityPolicyMode.Enforce;

    // Well-known vendors come from ConsentKit's catalogue (docs/ja/catalogue.md): the entry supplies the recipient,
    // the information, both purposes, the hosts and the cookies; each call below overrides only what this site does
    // differently. The module ids stay the site's own.
    o.AddModule("google-analytics", KnownModules.GoogleAnalytics4, m => m
        .Named("Google アナリティクス", "Google Analytics")
        .WithPurposes(
            "どの記事がどれだけ読まれているかを集計し、記事づくりとサイトの改善に役立てるため",
            "Google が当サイトに閲覧状況の集計結果を提供するため、また Google のサービスの維持と改善のため",
            "To count how often each article is read, and to improve our articles and site",
            "For Google to give us reports on how the site is used, and to maintain and improve Google's services")
        .WithMeasure(TransmissionMeasure.Consent));

    o.AddModule("meta-pixel", KnownModules.MetaPixel, m => m
        .Sends("このサイトで記事の購読を申し込んだこと", "That you applied for a subscription on this site")
        .WithPurposes(
            "Facebook・Instagram に出した当サイトの広告が、どれだけ購読につながったかを測るため",
            "Meta が広告の配信先を選び、広告の効果を測り、広告配信の仕組みを改善するため",
            "To measure how many subscriptions our Facebook and Instagram ads lead to",
            "For Meta to choose who sees ads, measure their effect and improve its ad delivery")
        .WithMeasure(TransmissionMeasure.Consent)
        // The site runs Meta's tag under its own Consent Mode switches as well.
        .MapsToConsentMode("ad_storage", "ad_user_data", "ad_personalization"));

    o.AddModule("youtube", KnownModules.YouTube, m => m
        .WithPurposes(
            "記事に関連する動画を、ページの中で再生できるようにするため",
            "Google が動画を配信し、再生回数を数え、YouTube のサービスを改善するため",
            "To let you play videos related to an article within the page",
            "For Google to deliver the video, count views and improve YouTube")
        .WithMeasure(TransmissionMeasure.Consent));

    o.AddModule("recaptcha", KnownModules.Recaptcha, m => m
        .Named("reCAPTCHA（コメント欄のスパム対策）", "reCAPTCHA (spam protection for comments)")
        .Exempt(ExemptionBasis.FraudPrevention,
            "コメント欄への機械による大量の投稿を見分けて防ぐために必要です。コメント欄のあるページでだけ読み込みます。",
            "Needed to detect and stop automated mass posting to the comment form. Loaded only on pages with comments."));

    o.AddModule("session-id", m => m
        .Named("ログイン状態を保つための識別子", "Identifier that keeps you signed in")
        .InCategory(ModuleCategory.Functional)
        .SendsTo("株式会社さくら新聞デジタル", legalNameEn: "Sakura Shimbun Digital Co., Ltd.")
        .Sends("当サイトが発行したセッションの識別子", "A session identifier issued by this site")
        .Exempt(ExemptionBasis.FirstPartyIdentifier,
            "当サイトが発行した識別子を、当サイトのサーバーにだけ送ります。",
            "An identifier we issued, sent only back to our own server.")
        .ContactsHosts("127.0.0.1", "localhost")
        .SetsCookies(".Sakura.Session"));
})
// Proof of every decision in a database: SQLite under App_Data by default (ConsentKit:Store in appsettings.json);
// PostgreSQL for several servers, for example ConsentKit__Store__Provider=PostgreSQL and ConsentKit__Store__ConnectionString=...
.AddEntityFrameworkCoreStore();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}

// Japanese by default; English for browsers that prefer it or for ?lang=en, as on ConsentKit's notice page.
// ConsentKit's tag helpers follow the UI culture.
app.UseRequestLocalization(o =>
{
    o.SetDefaultCulture("ja").AddSupportedCultures("ja", "en").AddSupportedUICultures("ja", "en");
    o.RequestCultureProviders.Insert(0, new Microsoft.AspNetCore.Localization.QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" });
});
app.UseMiddleware<SiteSecurityHeaders>();
app.UseExternalTransmissionNotice();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

// The site's files and ConsentKit's (_content/ConsentKit/consentkit.<fingerprint>.js and .css) as the platform serves
// them: fingerprinted, compressed (gzip, br) and cached for a year. WithStaticAssets gives the pages the asset list, so
// ConsentKit's tags link the fingerprinted files with an integrity value.
app.MapStaticAssets();
app.MapExternalTransmissionNotice();
app.MapRazorPages().WithStaticAssets();
app.MapConsentRecordsExport();
app.Run();
