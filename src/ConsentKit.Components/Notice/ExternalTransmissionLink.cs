using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// <c>&lt;ExternalTransmissionLink /&gt;</c>: a link that reaches the notice in one operation; put it in the layout's
/// footer (Ordinance 22-2-28 (3)(i); R11, R12). The component form of <c>&lt;external-transmission-link /&gt;</c>.
/// Child content, if any, replaces the text.
/// </summary>
public sealed class ExternalTransmissionLink : ConsentComponentBase
{
    /// <summary><c>ja</c> or <c>en</c>. Default: the visitor's preference; the text is Japanese, with English beside it for <c>en</c>.</summary>
    [Parameter]
    public string? Language { get; set; }

    /// <summary>The link text. Default: 外部送信に関する公表事項.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Any other attribute; <c>class</c> replaces the default <c>ck-notice-link</c>.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var language = ComponentServices.Language(HttpContext, State, Language);
        string href;
        if (HttpContext is not null)
        {
            ConsentRenderState.Of(HttpContext).NoticeLinkRendered = true;
            href = Services.Links.Notice(HttpContext.Request, language);
        }
        else
        {
            href = State?.NoticeUrl is { Length: > 0 } url && language == State.Language ? url : Services.Links.NoticePath + (language == NoticeLanguage.English ? "?lang=en" : "");
        }

        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "class", "ck-notice-link");
        builder.AddMultipleAttributes(2, AdditionalAttributes);
        builder.AddAttribute(3, "href", href);
        if (ChildContent is null)
        {
            builder.AddMarkupContent(4, Services.Links.NoticeLinkText(language));
        }
        else
        {
            builder.AddContent(5, ChildContent);
        }

        builder.CloseElement();
    }
}

/// <summary>
/// <c>&lt;ExternalTransmissionNotice /&gt;</c>: the notice content embedded in a page the site already has, such as its
/// privacy policy; the component form of <c>&lt;external-transmission-notice /&gt;</c>.
/// </summary>
public sealed class ExternalTransmissionNotice : ConsentComponentBase
{
    /// <summary><c>ja</c> or <c>en</c>. Default: the visitor's preference.</summary>
    [Parameter]
    public string? Language { get; set; }

    /// <summary>The level of the notice's top heading, 1-4. Default 2.</summary>
    [Parameter]
    public int HeadingLevel { get; set; } = 2;

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (HttpContext is not null)
        {
            ConsentRenderState.Of(HttpContext).NoticeLinkRendered = true;
        }

        var language = ComponentServices.Language(HttpContext, State, Language);
        builder.OpenElement(0, "section");
        builder.AddAttribute(1, "class", "ck-notice");
        builder.AddAttribute(2, "lang", language == NoticeLanguage.English ? "en" : "ja");
        builder.AddAttribute(3, "aria-labelledby", "ck-notice-title");
        builder.AddMarkupContent(4, Services.Markup.NoticeFragment(language, HeadingLevel));
        builder.CloseElement();
    }
}
