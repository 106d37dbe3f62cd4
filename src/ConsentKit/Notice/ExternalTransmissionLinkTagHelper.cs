using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.TagHelpers;

/// <summary>
/// <c>&lt;external-transmission-link /&gt;</c>: a link that reaches the notice in one operation. Put it in the layout's
/// footer so every page that sends has it (Ordinance 22-2-28 (3)(i); R11, R12). Child content, if any, replaces the text.
/// </summary>
/// <param name="links">ConsentKit's URLs.</param>
[HtmlTargetElement("external-transmission-link")]
public sealed class ExternalTransmissionLinkTagHelper(ConsentLinks links) : ConsentTagHelperBase
{
    /// <summary><c>ja</c> or <c>en</c>. Default: the visitor's <c>?lang=</c> or <c>Accept-Language</c>; the link text is Japanese, with English beside it for <c>en</c>.</summary>
    [HtmlAttributeName("language")]
    public string? Language { get; set; }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var http = ViewContext.HttpContext;
        ConsentRenderState.Of(http).NoticeLinkRendered = true;
        var language = LanguageNegotiation.Preferred(http.Request, Language);
        var href = links.Notice(http.Request, language);

        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("href", href);
        if (!output.Attributes.ContainsName("class"))
        {
            output.Attributes.SetAttribute("class", "ck-notice-link");
        }

        var child = await output.GetChildContentAsync();
        if (child.IsEmptyOrWhiteSpace)
        {
            output.Content.SetHtmlContent(links.NoticeLinkText(language));
        }
    }
}

/// <summary>
/// <c>&lt;external-transmission-notice /&gt;</c>: the notice content embedded in a page the site already has, such as
/// its privacy policy. Attributes: <c>language</c> (<c>ja</c>/<c>en</c>), <c>heading-level</c> (1-4, default 2).
/// </summary>
/// <param name="markup">ConsentKit's shared markup (the notice content, precomputed).</param>
[HtmlTargetElement("external-transmission-notice", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ExternalTransmissionNoticeTagHelper(ConsentMarkup markup) : ConsentTagHelperBase
{
    /// <summary><c>ja</c> or <c>en</c>. Default: the current UI culture, Japanese unless it is English.</summary>
    [HtmlAttributeName("language")]
    public string? Language { get; set; }

    /// <summary>The level of the notice's top heading, 1-4. Default 2.</summary>
    [HtmlAttributeName("heading-level")]
    public int HeadingLevel { get; set; } = 2;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ConsentRenderState.Of(ViewContext.HttpContext).NoticeLinkRendered = true;
        var language = LanguageNegotiation.Preferred(ViewContext.HttpContext.Request, Language);
        output.TagName = "section";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "ck-notice");
        output.Attributes.SetAttribute("lang", language == NoticeLanguage.English ? "en" : "ja");
        output.Attributes.SetAttribute("aria-labelledby", "ck-notice-title");
        output.Content.SetHtmlContent(markup.NoticeFragment(language, HeadingLevel));
    }
}
