using ConsentKit.TagHelpers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// <c>&lt;ConsentGate Module="youtube"&gt;…&lt;/ConsentGate&gt;</c> around any markup (iframes, pixels): the component form
/// of <c>&lt;consent-gate&gt;</c>. Allowed: the markup. Pending, in static rendering: the markup inside a
/// <c>&lt;template data-ck-module&gt;</c> (no request) for the client script to activate in place, and the
/// <see cref="Placeholder"/>. Denied or opted out, or pending in an interactive render: the placeholder only; the
/// markup appears when a choice on the page allows the module.
/// </summary>
public sealed class ConsentGate : ConsentComponentBase
{
    [Inject]
    private IExternalTransmissionConsent Consent { get; set; } = default!;

    /// <summary>The declared module id.</summary>
    [Parameter, EditorRequired]
    public string? Module { get; set; }

    /// <summary>The gated markup.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Shown while the module is not allowed, for example <c>&lt;ConsentSummary&gt;</c> and <c>&lt;ConsentAccept&gt;</c>.</summary>
    [Parameter]
    public RenderFragment? Placeholder { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (Services.Resolve(HttpContext, State, Module) is not var (module, status))
        {
            return;
        }

        if (status.IsAllowed())
        {
            NoteEmitted(module);
            builder.AddContent(0, ChildContent);
            return;
        }

        if (status == TransmissionStatus.Pending && HttpContext is not null)
        {
            NoteEmitted(module);
            // Listed on ConsentKit's own script so that the client activates this template and no planted one.
            ConsentRenderState.Of(HttpContext).NoteInert(InertDigest.ForTemplate(module.Id, ChildContent is null ? "" : ConsentScript.TextOf(ChildContent)));
            builder.OpenElement(1, "template");
            builder.AddAttribute(2, ConsentProtocol.Attributes.Module, module.Id);
            builder.AddContent(3, ChildContent);
            builder.CloseElement();
        }

        if (Placeholder is null)
        {
            return;
        }

        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", "ck-placeholder");
        builder.AddAttribute(6, ConsentProtocol.Attributes.Placeholder, module.Id);
        builder.AddContent(7, Placeholder);
        builder.CloseElement();
        if (HttpContext is not null)
        {
            ConsentRenderState.Of(HttpContext).PlaceholderRendered = true;
        }
    }

    /// <inheritdoc />
    protected override Task OnAfterRenderAsync(bool firstRender) =>
        firstRender && Consent is ExternalTransmissionConsent consent ? consent.ListenAsync() : Task.CompletedTask;

    private void NoteEmitted(ModuleDescriptor module)
    {
        if (HttpContext is not null)
        {
            GateSupport.NoteEmitted(HttpContext, module);
        }
    }
}
