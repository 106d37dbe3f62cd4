using System.ComponentModel;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.TagHelpers;

/// <summary>
/// The base of ConsentKit's tag helpers: the page being rendered. Public only because the tag helpers derive from it;
/// not for application code, and nothing outside ConsentKit can derive from it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ConsentTagHelperBase : TagHelper
{
    private protected ConsentTagHelperBase()
    {
    }

    /// <summary>The page being rendered.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;
}

/// <summary>
/// The base of ConsentKit's tag helpers that name a module with a <c>module</c> attribute: the id, and the rule for an
/// undeclared one (an exception in Development; left out and logged elsewhere, failing closed).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ConsentModuleTagHelperBase : ConsentTagHelperBase
{
    private protected ConsentModuleTagHelperBase(ILogger logger, IHostEnvironment? environment) => Gates = new GateSupport(logger, environment);

    /// <summary>The declared module id.</summary>
    [HtmlAttributeName("module")]
    public string? Module { get; set; }

    private protected GateSupport Gates { get; }
}
