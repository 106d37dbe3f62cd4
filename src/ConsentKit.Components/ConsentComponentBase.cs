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

    private bool _listening;

    /// <summary>Whether this component wrote ConsentKit's client script for the response (it writes it again on a re-render).</summary>
    private protected bool OwnsScript { get; set; }

    /// <summary>
    /// The script's integrity list must name every inert node of the response, but static rendering renders breadth-first:
    /// a gate nested below the component that writes the script renders after it, at any depth. So the owner renders
    /// again each time a further inert node is noted (<see cref="ConsentRenderState.InertNoted"/>). The renderer writes
    /// the response only once its queue is empty, so the tag that goes out lists every node, whatever the depth.
    /// </summary>
    private protected void RenderAgainWhenInertNodesAppear(HttpContext http)
    {
        if (_listening)
        {
            return;
        }

        _listening = true;
        ConsentRenderState.Of(http).InertNoted += StateHasChanged;
    }
}
