using ConsentKit.TagHelpers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// <c>&lt;ConsentScript Module="ga4" Src="https://…" Async /&gt;</c>, or with child content for an inline script: the
/// component form of <c>&lt;script consent-module&gt;</c>, with the same HTML. Allowed: the script as written. Pending:
/// inert (<c>type="text/plain"</c>, <c>src</c> under <c>data-ck-src</c>), so the browser makes no request, for the client
/// script to activate in place. Denied or opted out: nothing. Put it in static markup (<c>App.razor</c>, static pages):
/// a script that an interactive render inserts is never run by the browser.
/// </summary>
public sealed class ConsentScript : ConsentComponentBase
{
    /// <summary>The declared module id.</summary>
    [Parameter, EditorRequired]
    public string? Module { get; set; }

    /// <summary>The script's URL.</summary>
    [Parameter]
    public string? Src { get; set; }

    /// <summary>The script's type, for example <c>module</c>.</summary>
    [Parameter]
    public string? Type { get; set; }

    /// <summary>Load asynchronously.</summary>
    [Parameter]
    public bool Async { get; set; }

    /// <summary>Run after the document is parsed.</summary>
    [Parameter]
    public bool Defer { get; set; }

    /// <summary>An inline script's text, written as is (not HTML-encoded, as in a <c>&lt;script&gt;</c> element).</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Any other attribute (<c>id</c>, <c>nonce</c>, <c>crossorigin</c>, <c>integrity</c>…), kept as written.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (Services.Resolve(HttpContext, State, Module) is not var (module, status) || !(status.IsAllowed() || status == TransmissionStatus.Pending))
        {
            return;
        }

        if (HttpContext is not null)
        {
            GateSupport.NoteEmitted(HttpContext, module);
        }

        var attributes = new List<KeyValuePair<string, object>>();
        if (Src is not null)
        {
            attributes.Add(new("src", Src));
        }

        if (Type is not null)
        {
            attributes.Add(new("type", Type));
        }

        if (Async)
        {
            attributes.Add(new("async", true));
        }

        if (Defer)
        {
            attributes.Add(new("defer", true));
        }

        attributes.AddRange(AdditionalAttributes ?? new Dictionary<string, object>());
        var text = ChildContent is null ? "" : TextOf(ChildContent);
        if (status == TransmissionStatus.Pending)
        {
            if (HttpContext is not null)
            {
                // The client activates only inert nodes listed on ConsentKit's own script (planted-markup protection).
                var src = attributes.FirstOrDefault(a => string.Equals(a.Key, "src", StringComparison.OrdinalIgnoreCase)).Value;
                var type = attributes.FirstOrDefault(a => string.Equals(a.Key, "type", StringComparison.OrdinalIgnoreCase)).Value;
                ConsentRenderState.Of(HttpContext).NoteInert(InertDigest.ForScript(module.Id, InertDigest.AttributeText(src), InertDigest.AttributeText(type), text));
            }

            attributes = attributes.Select(a => new KeyValuePair<string, object>(InertScript.HeldName(a.Key) ?? a.Key, a.Value)).ToList();
            attributes.Add(new("type", InertScript.Type));
            attributes.Add(new(ConsentProtocol.Attributes.Module, module.Id));
        }

        builder.OpenElement(0, "script");
        builder.AddMultipleAttributes(1, attributes);
        if (ChildContent is not null)
        {
            // A script's text is raw text in HTML: entities are not decoded there, so it must not be encoded either.
            builder.AddMarkupContent(2, text);
        }

        builder.CloseElement();
    }

    /// <summary>The text an inline script's child content holds (literal text and markup, as Razor compiled it).</summary>
    internal static string TextOf(RenderFragment fragment)
    {
        // Reading frames is what the framework's own renderers do; there is no public "text of a fragment" API.
#pragma warning disable BL0006
        var builder = new RenderTreeBuilder();
        fragment(builder);
        var text = new System.Text.StringBuilder();
        var frames = builder.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            text.Append(frame.FrameType switch
            {
                RenderTreeFrameType.Text => frame.TextContent,
                RenderTreeFrameType.Markup => frame.MarkupContent,
                _ => "",
            });
        }

#pragma warning restore BL0006
        return text.ToString();
    }
}
