using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;consent-accept module="id"&gt;label&lt;/consent-accept&gt;</c>: a one-module "allow" button, typically inside a
/// <c>&lt;consent-placeholder&gt;</c>. A plain form post without JavaScript; with JavaScript it records through fetch and
/// activates the gated markup in place.
/// </summary>
/// <param name="markup">ConsentKit's shared markup (the form's hidden fields).</param>
/// <param name="logger">Logs undeclared ids.</param>
/// <param name="environment">In Development an undeclared id throws; elsewhere it is left out and logged.</param>
[HtmlTargetElement("consent-accept", Attributes = "module")]
public sealed class ConsentAcceptTagHelper(ConsentMarkup markup, ILogger<ConsentAcceptTagHelper> logger, IHostEnvironment? environment = null) : ConsentModuleTagHelperBase(logger, environment)
{
    /// <summary><c>en</c> adds English beside the default Japanese label. Default: the visitor's <c>?lang=</c> or <c>Accept-Language</c>.</summary>
    [HtmlAttributeName("language")]
    public string? Language { get; set; }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var label = await output.GetChildContentAsync();
        if (Gates.Resolve(ViewContext.HttpContext, Module) is not var (module, status, _) || !module.IsChoosable || status.IsAllowed())
        {
            output.SuppressOutput();
            return;
        }

        var language = LanguageNegotiation.Preferred(ViewContext.HttpContext.Request, Language);
        var form = markup.FormFor(ViewContext.HttpContext, language);
        var w = new HtmlWriter(512);
        form.WriteHidden(w, ConsentProtocol.Sources.Banner);
        ChoiceForm.WriteModule(w, module.Id);
        ChoiceForm.WriteButtonStart(w, module.Measure == TransmissionMeasure.OptOut ? ConsentAction.OptIn : ConsentAction.Grant).Raw(">");

        output.TagName = "form";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("method", "post");
        output.Attributes.SetAttribute("action", form.Action);
        output.Attributes.SetAttribute("class", "ck-accept");
        output.Attributes.SetAttribute(ConsentProtocol.Attributes.Form, "accept");
        output.Attributes.SetAttribute(ConsentProtocol.Attributes.Module, module.Id);
        output.Content.SetHtmlContent(w.ToString());
        if (label.IsEmptyOrWhiteSpace)
        {
            output.Content.AppendHtml(markup.AllowAndShowHtml(language));
        }
        else
        {
            output.Content.AppendHtml(label);
        }

        output.Content.AppendHtml("</button>");
    }
}
