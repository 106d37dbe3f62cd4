using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Wasm = ConsentKit.Components.WebAssembly;

namespace ConsentKit.Components.Tests;

/// <summary>
/// The client-safe components (ConsentKit.Components.WebAssembly) for Interactive WebAssembly and Auto: the state read
/// from the request while prerendering and persisted, taken back in the browser, "may module X send?" answered there,
/// and a choice posted by the browser re-rendering the page without a reload.
/// </summary>
public class WebAssemblyRenderingTests : IDisposable
{
    private const string Frame = "<iframe src=\"https://collect.example.com/embed\" title=\"video\"></iframe>";
    private readonly ComponentHarness _h = new();

    public WebAssemblyRenderingTests()
    {
        Module = _h.JSInterop.SetupModule(Wasm.BrowserConsent.ModulePath);
        Module.SetupVoid("listen", _ => true);
        _h.Services.AddSingleton<AntiforgeryStateProvider>(new RenderedToken());
    }

    /// <summary>Blazor's antiforgery state as the server renders it into the page.</summary>
    private sealed class RenderedToken : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("t0ken", "__RequestVerificationToken");
    }

    private BunitJSModuleInterop Module { get; }

    public void Dispose() => _h.Dispose();

    private IRenderedComponent<Wasm.ConsentGate> Gate(string module = "analytics") =>
        _h.Render<Wasm.ConsentGate>(p => p
            .Add(c => c.Module, module)
            .Add(c => c.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, Frame)))
            .Add(c => c.Placeholder, (RenderFragment)(b =>
            {
                b.OpenComponent<Wasm.ConsentSummary>(0);
                b.AddComponentParameter(1, nameof(Wasm.ConsentSummary.Module), module);
                b.CloseComponent();
                b.OpenComponent<Wasm.ConsentAccept>(2);
                b.AddComponentParameter(3, nameof(Wasm.ConsentAccept.Module), module);
                b.CloseComponent();
            })));

    /// <summary>Prerenders on a request with these decisions and persists the state, as the server does for WebAssembly and Auto.</summary>
    private void CarryOver(params (string Module, RecordedDecision Decision)[] decisions)
    {
        using var prerender = new ComponentHarness();
        prerender.Request(decisions);
        var consent = prerender.Services.GetRequiredService<Wasm.IExternalTransmissionConsent>();
        _ = consent.State;
        prerender.Persisted.TriggerOnPersisting();
        prerender.Persisted.TryTake<string>(Wasm.BrowserConsent.PersistenceKey, out var data).Should().BeTrue("prerendering persists the state it read");
        _h.Persisted.Persist(Wasm.BrowserConsent.PersistenceKey, data);
    }

    [Fact]
    public void R16_PrerenderedPendingGateWritesThePlaceholderOnlyWithTheServersSummary()
    {
        _h.Request();
        var gate = Gate();
        gate.FindAll("iframe").Should().BeEmpty("nothing of the gated markup is rendered before consent, so nothing is requested");
        gate.FindAll("template").Should().BeEmpty();
        gate.Find(".ck-placeholder[data-ck-placeholder='analytics'] p.ck-summary").TextContent.Should().Contain("Example Analytics Inc.");
        gate.Find(".ck-placeholder button[type='button']").TextContent.Should().Be("同意して表示する");
    }

    [Fact]
    public async Task Choosing_while_prerendering_is_a_clear_error()
    {
        _h.Request();
        var consent = _h.Services.GetRequiredService<Wasm.IExternalTransmissionConsent>();
        (await consent.IsAllowedAsync("ads")).Should().BeTrue("an OptOut module sends until the visitor opts out");
        var choose = () => consent.ChooseAsync("grant", "analytics");
        await choose.Should().ThrowAsync<InvalidOperationException>().WithMessage("*interactive render*");
    }

    [Fact]
    public void State_carried_over_from_prerendering_is_the_requests()
    {
        CarryOver(("analytics", RecordedDecision.Granted), ("ads", RecordedDecision.OptedOut));
        var state = _h.Services.GetRequiredService<Wasm.IExternalTransmissionConsent>().State;
        state.GetStatus("analytics").Should().Be("allowed");
        state.GetStatus("ads").Should().Be("optedOut");
        state.ChoicesUrl.Should().Be("/external-transmission/choices");
        Gate().Find("iframe").GetAttribute("src").Should().Be("https://collect.example.com/embed");
    }

    [Fact]
    public void R16_NothingCarriedOverMeansNothingIsAllowedAndNothingRendered()
    {
        var consent = _h.Services.GetRequiredService<Wasm.IExternalTransmissionConsent>();
        consent.State.IsAllowed("analytics").Should().BeFalse();
        Gate().Markup.Should().BeEmpty("an undeclared or unknown module renders nothing (fail closed)");
    }

    [Fact]
    public void Undeclared_module_renders_nothing()
    {
        CarryOver();
        Gate("nope").Markup.Should().BeEmpty();
    }

    [Fact]
    public async Task R16_AcceptingPostsThroughTheBrowserWithTheAntiforgeryTokenAndShowsTheEmbedWithoutAReload()
    {
        CarryOver();
        var choose = Module.Setup<Dictionary<string, string>>("choose", _ => true);
        choose.SetResult(new Dictionary<string, string> { ["analytics"] = "allowed", ["ads"] = "allowed", ["video"] = "surely-not-a-status" });
        var gate = Gate();
        var button = gate.Find(".ck-placeholder button[type='button']");
        button.HasAttribute("disabled").Should().BeFalse("the component is interactive after its first render");

        await button.ClickAsync(new());

        var call = choose.Invocations.Should().ContainSingle().Subject;
        call.Arguments[0].Should().Be("/external-transmission/choices");
        var body = (Dictionary<string, object>)call.Arguments[1]!;
        body["action"].Should().Be("grant");
        body["modules"].Should().BeEquivalentTo(new[] { "analytics" });
        call.Arguments[2].Should().Be("t0ken", "Blazor's antiforgery token is sent when the server rendered one");
        gate.Find("iframe").GetAttribute("src").Should().Be("https://collect.example.com/embed");
        var state = _h.Services.GetRequiredService<Wasm.IExternalTransmissionConsent>().State;
        state.GetStatus("video").Should().Be("pending", "a status name the client does not know never allows (fail closed)");
    }

    [Fact]
    public async Task A_choice_made_in_the_static_banner_reaches_the_components()
    {
        CarryOver();
        var gate = Gate();
        gate.FindAll("iframe").Should().BeEmpty();
        var listen = Module.VerifyInvoke("listen");
        var receiver = (DotNetObjectReference<Wasm.BrowserConsent>)listen.Arguments[0]!;

        await gate.InvokeAsync(() => receiver.Value.OnChange(new Dictionary<string, string> { ["analytics"] = "allowed" }));

        gate.Find("iframe").GetAttribute("src").Should().Be("https://collect.example.com/embed");
    }

    [Fact]
    public void The_opt_in_button_of_an_opted_out_module_opts_in()
    {
        CarryOver(("ads", RecordedDecision.OptedOut));
        var choose = Module.Setup<Dictionary<string, string>>("choose", _ => true);
        var accept = _h.Render<Wasm.ConsentAccept>(p => p.Add(c => c.Module, "ads"));
        accept.Find("button").Click();
        ((Dictionary<string, object>)choose.Invocations.Single().Arguments[1]!)["action"].Should().Be("opt-in");
    }

    [Fact]
    public void The_client_assembly_references_no_server_code()
    {
        // A Blazor WebAssembly project cannot load ASP.NET Core's server assemblies (nor ConsentKit, which needs them).
        var references = typeof(Wasm.ConsentGate).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.Should().NotContain(n => n == "ConsentKit" || n == "ConsentKit.Components" || n.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) || n.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
        references.Should().Contain("Microsoft.AspNetCore.Components.Web");
    }

    [Fact]
    public void R16_UnreadableCarriedOverStateAllowsNothing()
    {
        _h.Persisted.Persist(Wasm.BrowserConsent.PersistenceKey, "{\"Modules\": [1, 2]");
        _h.Services.GetRequiredService<Wasm.IExternalTransmissionConsent>().State.IsAllowed("analytics").Should().BeFalse();
    }
}
