using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Encodings.Web;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;consent-banner /&gt;</c>: in the first HTML only when some module is pending for this visitor; otherwise zero bytes.
/// Says in plain Japanese what is sent, to whom and why, links to the full notice, and offers 同意する, 同意しない and
/// 設定 with equal prominence. Works without JavaScript (plain form posts); the client script is an enhancement.
/// A Razor partial named <c>_ConsentBanner</c> in the app replaces the markup (model: <see cref="ConsentBannerModel"/>).
/// </summary>
/// <param name="markup">ConsentKit's shared markup (the banner's model and built-in markup).</param>
/// <param name="logger">Reports a site banner that leaves out required parts.</param>
[HtmlTargetElement("consent-banner", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentBannerTagHelper(ConsentMarkup markup, ILogger<ConsentBannerTagHelper> logger) : ConsentTagHelperBase
{
    /// <summary>The name of the partial view that overrides the built-in markup.</summary>
    public const string OverridePartialName = "_ConsentBanner";

    /// <summary><c>en</c> offers English beside the Japanese banner. Default: the visitor's <c>?lang=</c> or <c>Accept-Language</c>. The banner is always in Japanese.</summary>
    [HtmlAttributeName("language")]
    public string? Language { get; set; }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        var http = ViewContext.HttpContext;
        var feature = http.GetExternalTransmissionInternal();
        if (!feature.HasPending)
        {
            output.SuppressOutput();
            return;
        }

        var model = markup.BannerModel(http, feature, LanguageNegotiation.Preferred(http.Request, Language));
        var overridden = await TryRenderOverrideAsync(model);
        if (overridden is null)
        {
            output.Content.SetHtmlContent(markup.Banner(http, model));
            // The banner carries the notice of every pending Notice module; the response-start step records that.
            ConsentRenderState.Of(http).BannerShown = true;
            return;
        }

        using var writer = new StringWriter();
        overridden.WriteTo(writer, HtmlEncoder.Default);
        var html = writer.ToString();

        // A site's own banner counts as the notice only when it shows what the built-in one shows; otherwise the client
        // is not told either that the Notice modules were shown.
        var missing = BannerCheck.MissingParts(html, model);
        if (missing.Count == 0)
        {
            ConsentRenderState.Of(http).BannerShown = true;
        }
        else
        {
            html = BannerCheck.WithholdShown(html, model);
            Log.CustomBannerIncomplete(logger, OverridePartialName, string.Join("; ", missing));
        }

        output.Content.SetHtmlContent(html);
    }

    private async Task<IHtmlContent?> TryRenderOverrideAsync(ConsentBannerModel model)
    {
        var services = ViewContext.HttpContext.RequestServices;
        var engine = services.GetService<ICompositeViewEngine>();
        if (engine is null || !engine.FindView(ViewContext, OverridePartialName, isMainPage: false).Success)
        {
            return null;
        }

        var html = services.GetRequiredService<IHtmlHelper>();
        (html as IViewContextAware)?.Contextualize(ViewContext);
        return await html.PartialAsync(OverridePartialName, model);
    }
}

/// <summary>
/// <c>&lt;consent-script /&gt;</c>: the client script on every page, for sites that call its API (<c>window.ConsentKit</c>)
/// even when no banner is shown. The banner includes it by itself.
/// </summary>
/// <param name="markup">ConsentKit's shared markup (the client script, once per response).</param>
[HtmlTargetElement("consent-script", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentScriptTagHelper(ConsentMarkup markup) : ConsentTagHelperBase
{
    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var http = ViewContext.HttpContext;
        var feature = http.GetExternalTransmissionInternal();
        output.TagName = null;
        output.Content.SetHtmlContent(markup.ClaimScript(http, feature));
    }
}
