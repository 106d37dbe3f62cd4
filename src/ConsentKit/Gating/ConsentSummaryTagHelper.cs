using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;consent-summary module="id" /&gt;</c>: one plain sentence, from the declaration, of what allowing the module
/// sends, to whom and why. For placeholders, so that their wording always matches the notice.
/// </summary>
/// <param name="logger">Logs undeclared ids.</param>
/// <param name="environment">In Development an undeclared id throws; elsewhere it is left out and logged.</param>
[HtmlTargetElement("consent-summary", Attributes = "module", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ConsentSummaryTagHelper(ILogger<ConsentSummaryTagHelper> logger, IHostEnvironment? environment = null) : ConsentModuleTagHelperBase(logger, environment)
{
    /// <summary><c>en</c> adds English beside the Japanese sentence. Default: the visitor's <c>?lang=</c> or <c>Accept-Language</c>.</summary>
    [HtmlAttributeName("language")]
    public string? Language { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Gates.Resolve(ViewContext.HttpContext, Module) is not var (module, _, feature))
        {
            output.SuppressOutput();
            return;
        }

        var language = LanguageNegotiation.Preferred(ViewContext.HttpContext.Request, Language);
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "ck-summary");
        output.Attributes.SetAttribute("lang", "ja");

        output.Content.SetHtmlContent(ConsentMarkup.Summary(module, language, feature.Catalog));
    }
}
