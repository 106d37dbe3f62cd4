using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// <c>&lt;ConsentBanner /&gt;</c>: the banner, in the first HTML only when some module is pending for this visitor,
/// otherwise nothing; the component form of <c>&lt;consent-banner /&gt;</c>, with the same markup and plain form posts.
/// Put it in <c>App.razor</c>, which is always rendered statically: in an interactive render it renders nothing.
/// </summary>
public sealed class ConsentBanner : ConsentComponentBase
{
    /// <summary><c>en</c> offers English beside the Japanese banner. Default: the visitor's <c>?lang=</c> or <c>Accept-Language</c>.</summary>
    [Parameter]
    public string? Language { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (HttpContext is not { } http || http.GetExternalTransmissionInternal() is not { HasPending: true } feature)
        {
            return;
        }

        var model = Services.Markup.BannerModel(http, feature, LanguageNegotiation.Preferred(http.Request, Language), OwnsScript);
        OwnsScript |= model.ClientScript is HtmlString { Value.Length: > 0 };
        builder.AddMarkupContent(0, Services.Markup.Banner(http, model));

        // The banner carries the notice of every pending Notice module; the response-start step records that.
        ConsentRenderState.Of(http).BannerShown = true;
        if (OwnsScript)
        {
            RenderAgainWhenInertNodesAppear(http);
        }
    }
}

/// <summary>
/// <c>&lt;ConsentStyles /&gt;</c> in <c>&lt;head&gt;</c>: ConsentKit's stylesheet when this visitor may see the banner or a
/// placeholder (some module is not allowed), otherwise nothing. Unlike Razor views, a Blazor page's head is written
/// before its body, so this cannot wait to see whether a placeholder follows.
/// </summary>
public sealed class ConsentStyles : ConsentComponentBase
{
    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (HttpContext is { } http && http.GetExternalTransmissionInternal().Modules.Any(m => !m.IsAllowed))
        {
            builder.AddMarkupContent(0, Services.Markup.ClaimStylesheet(http));
        }
    }
}

/// <summary>
/// <c>&lt;ConsentModeDefault /&gt;</c> in <c>&lt;head&gt;</c> before any Google tag: Google Consent Mode v2
/// <c>gtag('consent','default',…)</c> with this visitor's actual state; the component form of <c>&lt;consent-mode-default /&gt;</c>.
/// </summary>
public sealed class ConsentModeDefault : ConsentComponentBase
{
    /// <summary>Optional <c>wait_for_update</c> in milliseconds.</summary>
    [Parameter]
    public int? WaitForUpdate { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (HttpContext is not { } http || Services.Markup.ConsentModeDefault(http.GetExternalTransmissionInternal(), WaitForUpdate) is not { } snippet)
        {
            return;
        }

        var w = new HtmlWriter(snippet.Length + 64).Raw("<script");
        if (Services.Markup.Nonce(http) is { } nonce)
        {
            w.Raw(" nonce=\"").Text(nonce).Raw("\"");
        }

        builder.AddMarkupContent(0, w.Raw(">").Raw(snippet).Raw("</script>").ToString());
    }
}

/// <summary>
/// <c>&lt;ConsentClientScript /&gt;</c> at the end of <c>&lt;body&gt;</c>: ConsentKit's client script on every page, once.
/// With enhanced navigation the browser does not run scripts that arrive with a later page, so a site whose first page
/// may show no banner needs it for gated markup on later pages to activate without a reload.
/// </summary>
public sealed class ConsentClientScript : ConsentComponentBase
{
    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (HttpContext is not { } http)
        {
            return;
        }

        var feature = http.GetExternalTransmissionInternal();
        var tag = OwnsScript ? Services.Markup.ScriptTag(http, feature) : Services.Markup.ClaimScript(http, feature).Value ?? "";
        OwnsScript |= tag.Length > 0;
        builder.AddMarkupContent(0, tag);
        if (OwnsScript)
        {
            RenderAgainWhenInertNodesAppear(http);
        }
    }
}
