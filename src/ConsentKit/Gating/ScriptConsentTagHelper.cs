using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;script consent-module="id" …&gt;</c>, external or inline. Allowed: emitted exactly as written.
/// Pending: emitted inert (a non-executable type, <c>src</c> moved to <c>data-ck-src</c>), so the browser makes no
/// request; the client script activates it in place, in document order, once the visitor allows the module.
/// Denied or opted out: nothing at all.
/// </summary>
/// <param name="logger">Logs undeclared ids.</param>
/// <param name="environment">In Development an undeclared id throws; elsewhere it is left out and logged.</param>
[HtmlTargetElement("script", Attributes = ModuleAttribute)]
public sealed class ScriptConsentTagHelper(ILogger<ScriptConsentTagHelper> logger, IHostEnvironment? environment = null) : ConsentTagHelperBase
{
    private const string ModuleAttribute = "consent-module";
    private readonly GateSupport _gates = new(logger, environment);

    /// <summary>Runs after the framework's script tag helper (-1000) and after nonce helpers at 0.</summary>
    public override int Order => 100;

    /// <summary>The declared module id.</summary>
    [HtmlAttributeName(ModuleAttribute)]
    public string? Module { get; set; }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (_gates.Resolve(ViewContext.HttpContext, Module) is not var (module, status, _))
        {
            output.SuppressOutput();
            return;
        }

        switch (status)
        {
            case TransmissionStatus.Allowed or TransmissionStatus.Exempt:
                GateSupport.NoteEmitted(ViewContext.HttpContext, module);
                NoteInlineHash(output, await TextOf(output));
                return;
            case TransmissionStatus.Pending:
                GateSupport.NoteEmitted(ViewContext.HttpContext, module);
                var text = await TextOf(output);
                NoteInlineHash(output, text);
                MakeInert(output, module.Id, ViewContext.HttpContext, text);
                return;
            default:
                output.SuppressOutput();
                return;
        }
    }

    private static async Task<string> TextOf(TagHelperOutput output) =>
        output.Content.IsModified ? output.Content.GetContent() : (await output.GetChildContentAsync()).GetContent();

    /// <summary>An inline script runs (now or on activation) under ConsentKit's policy by its hash.</summary>
    private void NoteInlineHash(TagHelperOutput output, string text)
    {
        if (!output.Attributes.ContainsName("src") && text.Length > 0)
        {
            ConsentRenderState.Of(ViewContext.HttpContext).NoteScriptHash(ScriptHash.Of(text));
        }
    }

    internal static void MakeInert(TagHelperOutput output, string moduleId, HttpContext http, string text)
    {
        output.Attributes.TryGetAttribute("src", out var originalSrc);
        output.Attributes.TryGetAttribute("type", out var originalType);
        ConsentRenderState.Of(http).NoteInert(InertDigest.ForScript(
            moduleId, InertDigest.AttributeText(originalSrc?.Value), InertDigest.AttributeText(originalType?.Value), text));

        // An inert script is a data block: the attributes that only a runnable script may carry (src, async, defer…)
        // and its type wait under data-ck-* names until the client script brings them back.
        foreach (var attribute in output.Attributes.ToArray())
        {
            if (InertScript.HeldName(attribute.Name) is { } held)
            {
                output.Attributes.Remove(attribute);
                output.Attributes.Add(new TagHelperAttribute(held, attribute.Value, attribute.ValueStyle));
            }
        }

        output.Attributes.SetAttribute("type", InertScript.Type);
        output.Attributes.SetAttribute(ConsentProtocol.Attributes.Module, moduleId);
    }
}
