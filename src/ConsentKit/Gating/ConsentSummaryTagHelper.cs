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
public sealed class ConsentSummaryTagHelper(ILogger<ConsentSummaryTagHelper> logger, IHostEnvironment? environment = null) : TagHelper
{
    private readonly GateSupport _gates = new(logger, environment);

    /// <summary>The page being rendered.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>A declared module.</summary>
    [HtmlAttributeName("module")]
    public string? Module { get; set; }

    /// <summary><c>ja</c> or <c>en</c>. Default: the current UI culture.</summary>
    [HtmlAttributeName("language")]
    public string? Language { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (_gates.Resolve(ViewContext, Module) is not var (module, _, _))
        {
            output.SuppressOutput();
            return;
        }

        var language = TagHelperLanguage.Resolve(Language);
        var ja = language == NoticeLanguage.Japanese;
        var recipient = module.RecipientLabel.In(language);
        var info = string.Join(ja ? "、" : "; ", module.InformationIn(language));
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "ck-summary");
        // ConsentKit's encoder keeps Japanese readable; MVC's default would write every character as an entity.
        output.Content.SetHtmlContent(new HtmlWriter(512).Text(ja
            ? $"表示すると、{recipient}に、{info}が送信されます。目的: {module.OperatorPurpose.Ja}"
            : $"Showing it sends {info} to {recipient}. Why: {module.OperatorPurpose.En}").ToString());
    }
}
