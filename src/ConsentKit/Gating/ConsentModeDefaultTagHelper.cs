using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;consent-mode-default /&gt;</c>: Google Consent Mode v2 <c>gtag('consent','default',…)</c> with this visitor's
/// <em>actual</em> state, for each type a module maps to. Put it in <c>&lt;head&gt;</c> before any Google tag. A returning
/// visitor's tags start with the right state, so no <c>wait_for_update</c> is needed. Carries the CSP nonce, and its hash
/// goes into ConsentKit's policy (the body is one of a few precomputed per state).
/// </summary>
/// <param name="markup">ConsentKit's shared markup (the Consent Mode snippet).</param>
[HtmlTargetElement("consent-mode-default", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentModeDefaultTagHelper(ConsentMarkup markup) : ConsentTagHelperBase
{
    /// <summary>Optional <c>wait_for_update</c> in milliseconds, for pages that also load an asynchronous consent source.</summary>
    [HtmlAttributeName("wait-for-update")]
    public int? WaitForUpdate { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var http = ViewContext.HttpContext;
        if (markup.ConsentModeDefault(http.GetExternalTransmissionInternal(), WaitForUpdate) is not { } snippet)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "script";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (markup.Nonce(http) is { } nonce)
        {
            output.Attributes.SetAttribute("nonce", nonce);
        }

        output.Content.SetHtmlContent(snippet);
        ConsentRenderState.Of(http).NoteScriptHash(ScriptHash.Of(snippet));
    }
}
