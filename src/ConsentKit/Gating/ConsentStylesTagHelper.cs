using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;consent-styles /&gt;</c> in <c>&lt;head&gt;</c>: ConsentKit's stylesheet, only when this page shows the banner or a
/// placeholder; otherwise zero bytes. Loaded in the head, the banner and placeholders are styled from the first paint,
/// so nothing moves when the stylesheet arrives. Without it, the banner brings the stylesheet itself.
/// Razor renders a page's body before its layout's head, so placeholders on the page are already known here.
/// </summary>
/// <param name="markup">ConsentKit's shared markup (the stylesheet link, once per response).</param>
[HtmlTargetElement("consent-styles", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentStylesTagHelper(ConsentMarkup markup) : ConsentTagHelperBase
{
    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var http = ViewContext.HttpContext;
        var feature = http.GetExternalTransmissionInternal();
        output.TagName = null;
        var link = feature.HasPending || ConsentRenderState.Of(http).PlaceholderRendered ? markup.ClaimStylesheet(http) : "";
        if (link.Length == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.Content.SetHtmlContent(link);
    }
}
