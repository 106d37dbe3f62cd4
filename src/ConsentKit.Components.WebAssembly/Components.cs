using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ConsentKit.Components.WebAssembly;

/// <summary>The base of the client-safe components: the service, and a render again whenever the state changes.</summary>
public abstract class ClientConsentComponentBase : ComponentBase, IDisposable
{
    private protected ClientConsentComponentBase()
    {
    }

    [Inject]
    private protected IExternalTransmissionConsent Consent { get; set; } = default!;

    /// <summary>Whether this component runs interactively (set after its first interactive render; never while prerendering).</summary>
    private protected bool Interactive { get; private set; }

    /// <inheritdoc />
    protected override void OnInitialized() => Consent.Changed += OnChanged;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        Interactive = true;
        if (Consent is BrowserConsent browser)
        {
            await browser.ListenAsync();
        }

        StateHasChanged();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Consent.Changed -= OnChanged;
        GC.SuppressFinalize(this);
    }

    private void OnChanged(ClientConsentState state) => _ = InvokeAsync(StateHasChanged);
}

/// <summary>
/// <c>&lt;ConsentGate Module="youtube"&gt;</c> for Interactive WebAssembly and Auto: the gated markup only while the module
/// is allowed, otherwise the <see cref="Placeholder"/>. Nothing of the markup is rendered before that, in prerendering or
/// in the browser, so the browser makes no request; a choice on the page shows it without a reload. An undeclared id
/// renders nothing (fail closed).
/// </summary>
public sealed class ConsentGate : ClientConsentComponentBase
{
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
        var state = Consent.State;
        if (!state.IsDeclared(Module))
        {
            return;
        }

        if (state.IsAllowed(Module!))
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        if (Placeholder is null)
        {
            return;
        }

        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "ck-placeholder");
        builder.AddAttribute(3, "data-ck-placeholder", Module);
        builder.AddContent(4, Placeholder);
        builder.CloseElement();
    }
}

/// <summary>
/// <c>&lt;ConsentAccept Module="youtube"&gt;label&lt;/ConsentAccept&gt;</c> for Interactive WebAssembly and Auto: a button that
/// records the choice from the browser and updates the page without a reload. Disabled until the component is
/// interactive (a prerendered button cannot act). Nothing once the module is allowed, or for a module the visitor cannot choose.
/// </summary>
public sealed class ConsentAccept : ClientConsentComponentBase
{
    /// <summary>A declared Consent or OptOut module.</summary>
    [Parameter, EditorRequired]
    public string? Module { get; set; }

    /// <summary>The button's label. Default: 同意して表示する.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var state = Consent.State;
        if (Module is null || state.IsAllowed(Module) || state.AllowAction(Module) is not { } action)
        {
            return;
        }

        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "ck-accept");
        builder.AddAttribute(2, "data-ck-module", Module);
        builder.OpenElement(3, "button");
        builder.AddAttribute(4, "type", "button");
        builder.AddAttribute(5, "class", "ck-btn");
        builder.AddAttribute(6, "disabled", !Interactive);
        builder.AddAttribute(7, "onclick", EventCallback.Factory.Create(this, () => Consent.ChooseAsync(action, Module)));
        if (ChildContent is null)
        {
            builder.AddMarkupContent(8, state.Language == "en" ? "同意して表示する <span lang=\"en\">/ Allow and show</span>" : "同意して表示する");
        }
        else
        {
            builder.AddContent(9, ChildContent);
        }

        builder.CloseElement();
        builder.CloseElement();
    }
}

/// <summary>
/// <c>&lt;ConsentSummary Module="youtube" /&gt;</c> for Interactive WebAssembly and Auto: the server's plain sentence, from
/// the declaration, of what allowing the module sends, to whom and why.
/// </summary>
public sealed class ConsentSummary : ClientConsentComponentBase
{
    /// <summary>A declared module.</summary>
    [Parameter, EditorRequired]
    public string? Module { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (Module is null || Consent.State.Summary(Module) is not { } html)
        {
            return;
        }

        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "class", "ck-summary");
        builder.AddAttribute(2, "lang", "ja");
        builder.AddMarkupContent(3, html);
        builder.CloseElement();
    }
}
