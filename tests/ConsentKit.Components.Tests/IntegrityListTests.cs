using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static ConsentKit.Components.Tests.ComponentHarness;

namespace ConsentKit.Components.Tests;

/// <summary>
/// ConsentKit's script lists every inert node of the response (issue 11 §1: the client activates only nodes the server
/// emitted), however deep in the component tree a gate sits. Static rendering renders breadth-first, so a gate nested
/// below the component that writes the script renders after it.
/// </summary>
public class IntegrityListTests : IDisposable
{
    private const string Embed = "<iframe src=\"https://collect.example.com/embed\" title=\"video\"></iframe><script src=\"https://collect.example.com/e.js\"></script>";
    private readonly ComponentHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>Wraps its content in <see cref="Depth"/> levels of components, each rendered after its parent.</summary>
    public sealed class Nest : ComponentBase
    {
        [Parameter]
        public int Depth { get; set; }

        [Parameter]
        public RenderFragment? ChildContent { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "div");
            if (Depth <= 0)
            {
                builder.AddContent(1, ChildContent);
            }
            else
            {
                builder.OpenComponent<Nest>(2);
                builder.AddComponentParameter(3, nameof(Depth), Depth - 1);
                builder.AddComponentParameter(4, nameof(ChildContent), ChildContent);
                builder.CloseComponent();
            }

            builder.CloseElement();
        }
    }

    /// <summary>The script's owner first in document order (as in App.razor's banner or client script), then the nested gate.</summary>
    public sealed class Page : ComponentBase
    {
        [Parameter]
        public int Depth { get; set; }

        [Parameter]
        public bool Banner { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            if (Banner)
            {
                builder.OpenComponent<ConsentBanner>(0);
            }
            else
            {
                builder.OpenComponent<ConsentClientScript>(1);
            }

            builder.CloseComponent();
            builder.OpenComponent<Nest>(2);
            builder.AddComponentParameter(3, nameof(Nest.Depth), Depth);
            builder.AddComponentParameter(4, nameof(Nest.ChildContent), (RenderFragment)(b =>
            {
                b.OpenComponent<ConsentGate>(0);
                b.AddComponentParameter(1, nameof(ConsentGate.Module), "analytics");
                b.AddComponentParameter(2, nameof(ConsentGate.ChildContent), (RenderFragment)(c => c.AddMarkupContent(0, Embed)));
                b.CloseComponent();
            }));
            builder.CloseComponent();
        }
    }

    private string[] ListedDigests(int depth, bool banner)
    {
        var html = _h.Static<Page>(_h.Request(), p => p.Add(c => c.Depth, depth).Add(c => c.Banner, banner)).Markup;
        var body = Parse(html);
        body.QuerySelectorAll("template[data-ck-module='analytics']").Should().HaveCount(1, "the gate is pending");
        var scripts = body.QuerySelectorAll("script[data-ck-state]");
        scripts.Should().HaveCount(1, "ConsentKit's script is written once");
        return (scripts[0].GetAttribute("data-ck-integrity") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(12, false)]
    [InlineData(40, false)]
    [InlineData(12, true)]
    [InlineData(40, true)]
    public void A_gate_nested_at_any_depth_is_listed_on_ConsentKits_script(int depth, bool banner)
    {
        ListedDigests(depth, banner).Should().Equal([InertDigest.ForTemplate("analytics", Embed)],
            "the client activates a template after consent only when its digest is on ConsentKit's own script");
    }
}
