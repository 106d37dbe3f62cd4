using Microsoft.AspNetCore.Http;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;consent-mode-default /&gt;</c>: Google Consent Mode v2 <c>gtag('consent','default',…)</c> with this visitor's
/// <em>actual</em> state, for each type a module maps to. Put it in <c>&lt;head&gt;</c> before any Google tag. A returning
/// visitor's tags start with the right state, so no <c>wait_for_update</c> is needed. Carries the CSP nonce.
/// </summary>
[HtmlTargetElement("consent-mode-default", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentModeDefaultTagHelper : TagHelper
{
    private static readonly BoundedCache<string> Snippets = new(capacity: 256, lifetime: TimeSpan.FromHours(1));

    /// <summary>The page being rendered.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>Optional <c>wait_for_update</c> in milliseconds, for pages that also load an asynchronous consent source.</summary>
    [HtmlAttributeName("wait-for-update")]
    public int? WaitForUpdate { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var feature = ViewContext.HttpContext.GetExternalTransmissionInternal();
        var catalog = feature.Runtime.Catalog;
        var state = ConsentModeState.Compute(catalog, feature.StatusOf);
        if (state.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        // The snippet depends only on the statuses (the nonce is an attribute), so it is built once per combination.
        var key = string.Join(',', state.Select(p => p.Key + "=" + p.Value[0])) + "|" + WaitForUpdate;
        if (!Snippets.TryGet(key, out var snippet))
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = NoticeJsonWriter.Encoder }))
            {
                json.WriteStartObject();
                foreach (var (type, value) in state)
                {
                    json.WriteString(type, value);
                }

                if (WaitForUpdate is > 0 and var wait)
                {
                    json.WriteNumber("wait_for_update", wait);
                }

                json.WriteEndObject();
            }

            // The JSON writer escapes <, > and & so the state cannot close the script element.
            snippet = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag(\"consent\",\"default\"," +
                Encoding.UTF8.GetString(stream.ToArray()) + ");";
            Snippets.Set(key, snippet);
        }

        output.TagName = "script";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (catalog.NonceFor(ViewContext.HttpContext) is { } nonce)
        {
            output.Attributes.SetAttribute("nonce", nonce);
        }

        output.Content.SetHtmlContent(snippet);
    }
}
