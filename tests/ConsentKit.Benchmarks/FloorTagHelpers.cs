using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ConsentKit.Benchmarks;

// The floor for any tag-helper-based consent library: the /floor page puts a tag helper on the same elements that
// ConsentKit handles on /with, and these helpers do only what any gate must (read inline script text, keep or drop
// child content), writing the /without page's markup. /floor against /without is what Razor's tag-helper machinery
// costs; /with against /floor is what ConsentKit adds on top.

[HtmlTargetElement("floor-styles", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("floor-mode", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("floor-banner", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FloorEmptyTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output) => output.SuppressOutput();
}

[HtmlTargetElement("script", Attributes = "floor-module")]
public sealed class FloorScriptTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll("floor-module");
        if (!output.Attributes.ContainsName("src"))
        {
            _ = (await output.GetChildContentAsync()).GetContent();
        }
    }
}

[HtmlTargetElement("floor-gate")]
public sealed class FloorGateTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(await output.GetChildContentAsync());
    }
}

[HtmlTargetElement("floor-placeholder", ParentTag = "floor-gate")]
public sealed class FloorPlaceholderTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output) => output.SuppressOutput();
}

[HtmlTargetElement("floor-link", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FloorLinkTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("href", "/external-transmission");
        output.Content.SetContent("利用者情報の外部送信について");
    }
}
