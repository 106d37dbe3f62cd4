using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;consent-gate module="id"&gt;…&lt;/consent-gate&gt;</c> around any markup: iframes, pixels, <c>&lt;noscript&gt;</c> images.
/// Allowed: the markup as written. Pending: the markup inside a <c>&lt;template&gt;</c>, which makes no request, for the
/// client script to activate. Denied or opted out: nothing. An optional <c>&lt;consent-placeholder&gt;</c> child is shown
/// while the module is not allowed.
/// </summary>
/// <param name="logger">Logs undeclared ids.</param>
/// <param name="environment">In Development an undeclared id throws; elsewhere it is left out and logged.</param>
[HtmlTargetElement("consent-gate", Attributes = "module")]
public sealed class ConsentGateTagHelper(ILogger<ConsentGateTagHelper> logger, IHostEnvironment? environment = null) : ConsentModuleTagHelperBase(logger, environment)
{
    internal const string PlaceholderKey = "ConsentKit.Placeholder";
    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        if (Gates.Resolve(ViewContext.HttpContext, Module) is not var (module, status, _))
        {
            output.SuppressOutput();
            return;
        }

        // Offer the placeholder a slot only when it will be shown: when the module is allowed, the placeholder's
        // children (summary, accept button) are never executed.
        var placeholder = new PlaceholderSlot();
        if (!status.IsAllowed())
        {
            context.Items[PlaceholderKey] = placeholder;
        }

        var content = await output.GetChildContentAsync();

        switch (status)
        {
            case TransmissionStatus.Allowed or TransmissionStatus.Exempt:
                GateSupport.NoteEmitted(ViewContext.HttpContext, module);
                NoteInlineHashes(content.GetContent());
                output.Content.SetHtmlContent(content);
                return;
            case TransmissionStatus.Pending:
                GateSupport.NoteEmitted(ViewContext.HttpContext, module);
                var html = content.GetContent();
                NoteInlineHashes(html);
                output.Content.Clear();
                ConsentRenderState.Of(ViewContext.HttpContext).NoteInert(InertDigest.ForTemplate(module.Id, html));
                output.Content.AppendHtml("<template " + ConsentProtocol.Attributes.Module + "=\"").Append(module.Id).AppendHtml("\">")
                    .AppendHtml(content).AppendHtml("</template>");
                ConsentRenderState.Of(ViewContext.HttpContext).PlaceholderRendered |= AppendPlaceholder(output, placeholder, module.Id);
                return;
            default:
                output.Content.Clear();
                ConsentRenderState.Of(ViewContext.HttpContext).PlaceholderRendered |= AppendPlaceholder(output, placeholder, module.Id);
                return;
        }
    }

    /// <summary>The gated markup's inline scripts run (now or on activation) under ConsentKit's policy by their hashes.</summary>
    private void NoteInlineHashes(string html)
    {
        var hashes = InertDigest.InlineScriptHashes(html);
        if (hashes.Length == 0)
        {
            return;
        }

        var state = ConsentRenderState.Of(ViewContext.HttpContext);
        foreach (var hash in hashes)
        {
            state.NoteScriptHash(hash);
        }
    }

    private static bool AppendPlaceholder(TagHelperOutput output, PlaceholderSlot placeholder, string moduleId)
    {
        if (placeholder.Content is null)
        {
            return false;
        }

        output.Content.AppendHtml("<div class=\"ck-placeholder\" " + ConsentProtocol.Attributes.Placeholder + "=\"").Append(moduleId).AppendHtml("\">")
            .AppendHtml(placeholder.Content).AppendHtml("</div>");
        return true;
    }

    internal sealed class PlaceholderSlot
    {
        public TagHelperContent? Content { get; set; }
    }
}

/// <summary>
/// <c>&lt;consent-placeholder&gt;</c> inside a <c>&lt;consent-gate&gt;</c>: shown instead of the gated markup while the module
/// is not allowed, for example a card that says what a video embed would send, with a <c>&lt;consent-accept&gt;</c> button.
/// </summary>
[HtmlTargetElement("consent-placeholder", ParentTag = "consent-gate")]
public sealed class ConsentPlaceholderTagHelper : TagHelper
{
    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (context.Items.TryGetValue(ConsentGateTagHelper.PlaceholderKey, out var slot) && slot is ConsentGateTagHelper.PlaceholderSlot placeholder)
        {
            placeholder.Content = await output.GetChildContentAsync();
        }

        output.SuppressOutput();
    }
}
