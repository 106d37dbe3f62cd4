using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// <c>&lt;ConsentAccept Module="youtube"&gt;label&lt;/ConsentAccept&gt;</c>: a one-module "allow" button, typically in a
/// gate's placeholder; the component form of <c>&lt;consent-accept&gt;</c>. In static rendering a plain form post (with
/// the antiforgery token) that the client script turns into a fetch; in an interactive render a button that records the
/// choice from the browser and updates the page without a reload. Nothing once the module is allowed.
/// </summary>
public sealed class ConsentAccept : ConsentComponentBase
{
    [Inject]
    private IExternalTransmissionConsent Consent { get; set; } = default!;

    /// <summary>A declared Consent or OptOut module.</summary>
    [Parameter, EditorRequired]
    public string? Module { get; set; }

    /// <summary><c>en</c> adds English beside the default Japanese label. Default: the visitor's preference.</summary>
    [Parameter]
    public string? Language { get; set; }

    /// <summary>The button's label. Default: 同意して表示する.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (Services.Resolve(HttpContext, State, Module) is not var (module, status) || !module.IsChoosable || status.IsAllowed())
        {
            return;
        }

        var language = ComponentServices.Language(HttpContext, State, Language);
        var action = module.Measure == TransmissionMeasure.OptOut ? ConsentAction.OptIn : ConsentAction.Grant;
        if (HttpContext is not null)
        {
            var form = Services.Markup.FormFor(HttpContext, language);
            var hidden = new HtmlWriter(512);
            form.WriteHidden(hidden, ConsentProtocol.Sources.Banner);
            ChoiceForm.WriteModule(hidden, module.Id);
            builder.OpenElement(0, "form");
            builder.AddAttribute(1, "method", "post");
            builder.AddAttribute(2, "action", form.Action);
            builder.AddAttribute(3, "class", "ck-accept");
            builder.AddAttribute(4, ConsentProtocol.Attributes.Form, "accept");
            builder.AddAttribute(5, ConsentProtocol.Attributes.Module, module.Id);
            builder.AddMarkupContent(6, hidden.ToString());
            builder.OpenElement(7, "button");
            builder.AddAttribute(8, "type", "submit");
            builder.AddAttribute(9, "name", ConsentProtocol.Fields.Action);
            builder.AddAttribute(10, "value", ConsentProtocol.ActionName(action));
        }
        else
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(3, "class", "ck-accept");
            builder.AddAttribute(5, ConsentProtocol.Attributes.Module, module.Id);
            builder.OpenElement(7, "button");
            builder.AddAttribute(8, "type", "button");
            builder.AddAttribute(11, "onclick", EventCallback.Factory.Create(this, () => Consent.ChooseAsync(action, module.Id)));
        }

        builder.AddAttribute(12, "class", "ck-btn");
        if (ChildContent is null)
        {
            builder.AddMarkupContent(13, Services.Markup.AllowAndShowHtml(language));
        }
        else
        {
            builder.AddContent(14, ChildContent);
        }

        builder.CloseElement();
        builder.CloseElement();
    }
}

/// <summary>
/// <c>&lt;ConsentSummary Module="youtube" /&gt;</c>: one plain sentence, from the declaration, of what allowing the module
/// sends, to whom and why; the component form of <c>&lt;consent-summary&gt;</c>.
/// </summary>
public sealed class ConsentSummary : ConsentComponentBase
{
    /// <summary>A declared module.</summary>
    [Parameter, EditorRequired]
    public string? Module { get; set; }

    /// <summary><c>en</c> adds English beside the Japanese sentence. Default: the visitor's preference.</summary>
    [Parameter]
    public string? Language { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (Services.Resolve(HttpContext, State, Module) is not var (module, _))
        {
            return;
        }

        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "class", "ck-summary");
        builder.AddAttribute(2, "lang", "ja");
        builder.AddMarkupContent(3, ConsentMarkup.Summary(module, ComponentServices.Language(HttpContext, State, Language), Services.Catalog));
        builder.CloseElement();
    }
}
