using ConsentKit;
using ConsentKit.Samples.Blazor.Client.Pages;
using ConsentKit.Samples.Blazor.Components;

var builder = WebApplication.CreateBuilder(args);

// Add services to the container.
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents()
    .AddInteractiveWebAssemblyComponents();

// ConsentKit: the same kinds of modules as the flagship (samples/ConsentKit.Samples.RazorPages). The operator is in
// appsettings.json. AddRazorComponents() adds what ConsentKit's components need (the cascading ConsentState).
builder.Services.AddExternalTransmissionNotice(o =>
{
    o.AddModule("google-analytics", KnownModules.GoogleAnalytics4, m => m.WithMeasure(TransmissionMeasure.Consent));
    o.AddModule("youtube", KnownModules.YouTube, m => m.WithMeasure(TransmissionMeasure.Consent));
    o.AddModule("line-tag", KnownModules.LineTag, m => m
        .WithMeasure(TransmissionMeasure.OptOut)
        .WithOptOut(OptOutScope.Transmission, "なし。記事はこれまでどおり読めます。", "None. You can read the site as before."));
    o.AddModule("x-embed", KnownModules.XEmbed, m => m.WithMeasure(TransmissionMeasure.Notice));
    o.AddModule("hatena-bookmark", KnownModules.HatenaBookmark, m => m.WithMeasure(TransmissionMeasure.Publication));
    o.AddModule("recaptcha", KnownModules.Recaptcha, m => m
        .Exempt(ExemptionBasis.FraudPrevention,
            "フォームへの機械による大量の投稿を見分けて防ぐために必要です。",
            "Needed to detect and stop automated mass posting to forms."));
}).AddRazorComponents();

var app = builder.Build();

// Configure the HTTP request pipeline.
if (app.Environment.IsDevelopment())
{
    app.UseWebAssemblyDebugging();
}
else
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseHttpsRedirection();

// Every request gets its external-transmission state; in Development, unprocessed ConsentKit markup is logged as an error.
app.UseExternalTransmissionNotice();

app.UseAntiforgery();

app.MapStaticAssets();
app.MapExternalTransmissionNotice();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .AddInteractiveWebAssemblyRenderMode()
    .AddAdditionalAssemblies(typeof(ConsentKit.Samples.Blazor.Client._Imports).Assembly);

app.Run();
