using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;consent-accept module="id"&gt;label&lt;/consent-accept&gt;</c>: a one-module "allow" button, typically inside a
/// <c>&lt;consent-placeholder&gt;</c>. A plain form post without JavaScript; with JavaScript it records through fetch and
/// activates the gated markup in place.
/// </summary>
[HtmlTargetElement("consent-accept", Attributes = "module")]
public sealed class ConsentAcceptTagHelper : TagHelper
{
    /// <summary>The page being rendered.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>A declared Consent or OptOut module.</summary>
    [HtmlAttributeName("module")]
    public string? Module { get; set; }

    /// <summary><c>ja</c> or <c>en</c>. Default: the current UI culture.</summary>
    [HtmlAttributeName("language")]
    public string? Language { get; set; }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var label = await output.GetChildContentAsync();
        if (GateSupport.Resolve(ViewContext, Module) is not var (module, status, feature) || !module.IsChoosable || status.IsAllowed())
        {
            output.SuppressOutput();
            return;
        }

        var language = TagHelperLanguage.Resolve(Language);
        var form = ChoiceFormContext.For(ViewContext.HttpContext, feature.Runtime.Catalog, language);
        var w = new HtmlWriter(512);
        form.WriteHidden(w, "banner");
        w.Raw("<input type=\"hidden\" name=\"module\" value=\"").Text(module.Id).Raw("\">")
         .Raw("<button type=\"submit\" class=\"ck-btn\" name=\"action\" value=\"")
         .Raw(module.Measure == TransmissionMeasure.OptOut ? "opt-in" : "grant").Raw("\">");

        output.TagName = "form";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("method", "post");
        output.Attributes.SetAttribute("action", form.Action);
        output.Attributes.SetAttribute("class", "ck-accept");
        output.Attributes.SetAttribute("data-ck-form", "accept");
        output.Attributes.SetAttribute("data-ck-module", module.Id);
        output.Content.SetHtmlContent(w.ToString());
        if (label.IsEmptyOrWhiteSpace)
        {
            output.Content.AppendHtml(language == NoticeLanguage.English ? "Allow and show" : "同意して表示する");
        }
        else
        {
            output.Content.AppendHtml(label);
        }

        output.Content.AppendHtml("</button>");
    }
}
