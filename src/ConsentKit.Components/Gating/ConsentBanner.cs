using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Components;

/// <summary>
/// <c>&lt;ConsentBanner /&gt;</c>: the banner, in the first HTML only when some module is pending for this visitor,
/// otherwise nothing; the component form of <c>&lt;consent-banner /&gt;</c>, with the same markup and plain form posts.
/// Put it in <c>App.razor</c>, which is always rendered statically: in an interactive render it renders nothing.
/// <para>
/// A site's own banner goes in the child content, a template that receives the <see cref="ConsentBannerModel"/>
/// (<c>&lt;ConsentBanner Context="banner"&gt;…&lt;/ConsentBanner&gt;</c>), as the <c>_ConsentBanner</c> partial does for the
/// tag helper. Its display counts as the notice of the Notice modules it lists only when it shows, for each module, the
/// recipient, every information item and the purpose, and links to <see cref="ConsentBannerModel.NoticeUrl"/>;
/// otherwise a warning is logged (event 303) and those modules stay pending. The component writes ConsentKit's script
/// after the template, so the template does not write <see cref="ConsentBannerModel.ClientScript"/> (it is empty).
/// </para>
/// </summary>
public sealed class ConsentBanner : ConsentComponentBase
{
    /// <summary>What the event-303 warning calls a site's own Blazor banner.</summary>
    internal const string TemplateName = "<ConsentBanner> child content";

    private string? _stylesheet;
    private string? _custom;
    private List<string> _customShown = [];
    private bool _customComplete;

    [Inject]
    private IServiceProvider Provider { get; set; } = default!;

    [Inject]
    private ILoggerFactory Loggers { get; set; } = default!;

    /// <summary><c>en</c> offers English beside the Japanese banner. Default: the visitor's <c>?lang=</c> or <c>Accept-Language</c>.</summary>
    [Parameter]
    public string? Language { get; set; }

    /// <summary>A site's own banner, in place of the built-in markup; it receives the banner's model.</summary>
    [Parameter]
    public RenderFragment<ConsentBannerModel>? ChildContent { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _custom = null;
        if (ChildContent is null || HttpContext is not { } http || http.GetExternalTransmissionInternal() is not { HasPending: true } feature)
        {
            return;
        }

        // The template is rendered to HTML here so that what is checked is exactly what goes out.
        var model = Services.Markup.BannerModel(http, feature, LanguageNegotiation.Preferred(http.Request, Language), withoutScript: true);
        var html = await TemplateRendering.ToHtmlAsync(Provider, Loggers, http, ChildContent(model));
        var missing = BannerCheck.MissingParts(html, model);
        _customComplete = missing.Count == 0;
        if (_customComplete)
        {
            _customShown = model.Modules.Where(m => m.Measure == TransmissionMeasure.Notice).Select(m => m.Id).ToList();
        }
        else
        {
            // An incomplete banner names no notice as shown, for the response-start step and for the client alike.
            _customShown = [];
            Log.CustomBannerIncomplete(Loggers.CreateLogger<ConsentBanner>(), TemplateName, string.Join("; ", missing));
        }

        _custom = html;
    }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (HttpContext is not { } http || http.GetExternalTransmissionInternal() is not { HasPending: true } feature)
        {
            return;
        }

        if (ChildContent is not null)
        {
            if (_custom is null)
            {
                // Still being rendered and checked (a render before OnParametersSetAsync completes): nothing yet.
                return;
            }

            // The site's banner, then ConsentKit's script.
            builder.AddMarkupContent(0, _custom);
            var tag = OwnsScript ? Services.Markup.ScriptTag(http, feature, _customShown) : Services.Markup.ClaimScript(http, feature, _customShown).Value ?? "";
            OwnsScript |= tag.Length > 0;
            builder.AddMarkupContent(1, tag);
            if (_customComplete)
            {
                ConsentRenderState.Of(http).BannerShown = true;
            }
        }
        else
        {
            var model = Services.Markup.BannerModel(http, feature, LanguageNegotiation.Preferred(http.Request, Language), OwnsScript);
            OwnsScript |= model.ClientScript is HtmlString { Value.Length: > 0 };

            // Claimed once: a render again (for a later inert node) keeps the stylesheet the first render wrote.
            _stylesheet ??= Services.Markup.ClaimStylesheet(http);
            builder.AddMarkupContent(0, BannerMarkup.Render(model, _stylesheet));

            // The banner carries the notice of every pending Notice module; the response-start step records that.
            ConsentRenderState.Of(http).BannerShown = true;
        }

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
