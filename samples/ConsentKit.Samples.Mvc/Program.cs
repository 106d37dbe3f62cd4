// An online bookshop in MVC. Every declaration lives in appsettings.json; the banner markup is the site's own
// (Views/Shared/_ConsentBanner.cshtml) and its colours come from ConsentKit's CSS custom properties.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddExternalTransmissionNotice();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Home/Error");
}

app.UseStaticFiles();
app.UseExternalTransmissionNotice();
app.UseRouting();
app.MapExternalTransmissionNotice();
app.MapDefaultControllerRoute();
app.Run();
