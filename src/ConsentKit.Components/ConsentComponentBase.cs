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

    private int _listedInertNodes = -1;
    private int _quietRenders;

    /// <summary>Whether this component wrote ConsentKit's client script for the response (it writes it again on a re-render).</summary>
    private protected bool OwnsScript { get; set; }

    /// <summary>
    /// Static rendering renders breadth-first, so gates nested deeper than the component that writes ConsentKit's script
    /// render after it. Render again, at the end of the render queue, until no further inert node appears, so the
    /// script's integrity list names every one of them (the client activates no node it does not list).
    /// </summary>
    private protected void RenderAgainWhileInertNodesAppear(HttpContext http)
    {
        const int QuietRendersBeforeSettling = 8;
        var count = ConsentRenderState.Of(http).InertDigests.Count;
        if (count != _listedInertNodes)
        {
            _listedInertNodes = count;
            _quietRenders = 0;
        }
        else if (++_quietRenders > QuietRendersBeforeSettling)
        {
            return;
        }

        StateHasChanged();
    }
}
