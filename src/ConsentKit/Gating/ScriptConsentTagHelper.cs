using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;script consent-module="id" …&gt;</c>, external or inline. Allowed: emitted exactly as written.
/// Pending: emitted inert (a non-executable type, <c>src</c> moved to <c>data-ck-src</c>), so the browser makes no
/// request; the client script activates it in place, in document order, once the visitor allows the module.
/// Denied or opted out: nothing at all.
/// </summary>
[HtmlTargetElement("script", Attributes = ModuleAttribute)]
public sealed class ScriptConsentTagHelper : TagHelper
{
    private const string ModuleAttribute = "consent-module";

    /// <summary>The type that keeps a script inert. Browsers neither fetch nor run a script of an unknown type.</summary>
    internal const string InertType = "text/plain";

    /// <summary>Runs after the framework's script tag helper (-1000) and after nonce helpers at 0.</summary>
    public override int Order => 100;

    /// <summary>The page being rendered.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>The declared module id.</summary>
    [HtmlAttributeName(ModuleAttribute)]
    public string? Module { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (GateSupport.Resolve(ViewContext, Module) is not var (module, status, feature))
        {
            output.SuppressOutput();
            return;
        }

        switch (status)
        {
            case TransmissionStatus.Allowed or TransmissionStatus.Exempt:
                GateSupport.NoteEmitted(feature, module);
                return;
            case TransmissionStatus.Pending:
                GateSupport.NoteEmitted(feature, module);
                MakeInert(output, module.Id);
                return;
            default:
                output.SuppressOutput();
                return;
        }
    }

    internal static void MakeInert(TagHelperOutput output, string moduleId)
    {
        if (output.Attributes.TryGetAttribute("type", out var type))
        {
            output.Attributes.SetAttribute("data-ck-type", type.Value);
        }

        if (output.Attributes.TryGetAttribute("src", out var src))
        {
            output.Attributes.Remove(src);
            output.Attributes.SetAttribute("data-ck-src", src.Value);
        }

        output.Attributes.SetAttribute("type", InertType);
        output.Attributes.SetAttribute("data-consent-module", moduleId);
    }
}
