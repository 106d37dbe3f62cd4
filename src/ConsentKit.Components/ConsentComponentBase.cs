using System.ComponentModel;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// The base of ConsentKit's components: what each receives in every render mode (the request in static rendering, the
/// cascading <see cref="ConsentState"/> in interactive rendering) and ConsentKit's shared markup. Not for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ConsentComponentBase : ComponentBase
{
    private protected ConsentComponentBase()
    {
    }

    /// <summary>The request, in static rendering and prerendering; <see langword="null"/> in an interactive render.</summary>
    [CascadingParameter]
    private protected HttpContext? HttpContext { get; set; }

    /// <summary>The visitor's state, carried into interactive rendering.</summary>
    [CascadingParameter]
    private protected ConsentState? State { get; set; }

    [Inject]
    private protected ComponentServices Services { get; set; } = default!;
}
