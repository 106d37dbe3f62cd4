using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace ConsentKit.Components.Tests;

/// <summary>
/// Interactive rendering (Server, after prerendering): no request to read; the state crosses from prerendering through
/// PersistentComponentState, and a choice made on the page updates every component without a reload.
/// </summary>
public class InteractiveRenderingTests : IDisposable
{
    private const string Frame = "<iframe src=\"https://collect.example.com/embed\" title=\"video\"></iframe>";
    private readonly ComponentHarness _h = new();

    public void Dispose() => _h.Dispose();

    private IRenderedComponent<ConsentGate> Gate() =>
        _h.Interactive<ConsentGate>(p => p
            .Add(c => c.Module, "analytics")
            .Add(c => c.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, Frame)))
            .Add(c => c.Placeholder, (RenderFragment)(b =>
            {
                b.OpenComponent<ConsentAccept>(0);
                b.AddComponentParameter(1, nameof(ConsentAccept.Module), "analytics");
                b.CloseComponent();
            })));

    [Fact]
    public void R16_PendingGateRendersThePlaceholderAndNoMarkupAtAll()
    {
        _h.CarryOver();
        var gate = Gate();
        gate.FindAll("iframe").Should().BeEmpty();
        gate.FindAll("template").Should().BeEmpty("a template inserted by the interactive renderer would hold live elements, not inert ones");
        gate.Find(".ck-placeholder[data-ck-placeholder='analytics'] button[type='button']").TextContent.Should().Be("同意して表示する");
        gate.FindAll("form").Should().BeEmpty("there is no antiforgery token to post without a request; the button records through the browser");
    }

    [Fact]
    public void State_from_prerendering_is_carried_over()
    {
        _h.CarryOver(("analytics", RecordedDecision.Granted));
        Gate().Find("iframe").GetAttribute("src").Should().Be("https://collect.example.com/embed");
        _h.Services.GetRequiredService<IExternalTransmissionConsent>().State.GetStatus("analytics").Should().Be(TransmissionStatus.Allowed);
    }

    [Fact]
    public void Nothing_carried_over_and_no_request_means_nothing_is_allowed()
    {
        Gate().FindAll("iframe").Should().BeEmpty();
    }

    [Fact]
    public async Task R16_AcceptingInAnInteractiveComponentRecordsThroughTheBrowserAndShowsTheEmbedWithoutAReload()
    {
        _h.CarryOver();
        var choose = _h.Module.Setup<Dictionary<string, string>>("choose", _ => true);
        choose.SetResult(new Dictionary<string, string> { ["analytics"] = "allowed", ["ads"] = "allowed" });
        var gate = Gate();

        await gate.Find("button").ClickAsync(new());

        var call = choose.Invocations.Should().ContainSingle().Which;
        call.Arguments[0].Should().Be("/external-transmission/choices");
        var body = (Dictionary<string, object>)call.Arguments[1]!;
        body["action"].Should().Be("grant");
        body["modules"].Should().BeEquivalentTo(new[] { "analytics" });
        gate.WaitForAssertion(() => gate.Find("iframe").GetAttribute("src").Should().Be("https://collect.example.com/embed"));
        gate.FindAll(".ck-placeholder").Should().BeEmpty();
        (await _h.Services.GetRequiredService<IExternalTransmissionConsent>().IsAllowedAsync("analytics")).Should().BeTrue();
    }

    [Fact]
    public async Task A_choice_made_in_the_static_banner_reaches_interactive_components()
    {
        _h.CarryOver();
        var gate = Gate();
        var listen = _h.Module.VerifyInvoke("listen");
        var receiver = (DotNetObjectReference<ExternalTransmissionConsent>)listen.Arguments[0]!;

        await gate.InvokeAsync(() => receiver.Value.OnChange(new Dictionary<string, string> { ["analytics"] = "allowed" }));

        gate.Find("iframe").GetAttribute("src").Should().Be("https://collect.example.com/embed");
    }

    [Fact]
    public async Task The_service_answers_from_the_request_in_static_rendering()
    {
        _h.Request(("analytics", RecordedDecision.Granted));
        var consent = _h.Services.GetRequiredService<IExternalTransmissionConsent>();
        (await consent.IsAllowedAsync("analytics")).Should().BeTrue();
        (await consent.IsAllowedAsync("ads")).Should().BeTrue("an opt-out module sends until the visitor opts out");
        (await consent.IsAllowedAsync("nope")).Should().BeFalse();
        var choose = () => consent.ChooseAsync(ConsentAction.Grant, "analytics");
        await choose.Should().ThrowAsync<InvalidOperationException>().WithMessage("*interactive render mode*");
    }

    [Fact]
    public void Link_and_summary_render_interactively_from_the_carried_state()
    {
        _h.CarryOver();
        _h.Interactive<ExternalTransmissionLink>().Find("a").GetAttribute("href").Should().Be("/external-transmission");
        _h.Interactive<ConsentSummary>(p => p.Add(c => c.Module, "analytics")).Find("p.ck-summary").TextContent.Should().Contain("Example Analytics Inc.");
    }

    [Fact]
    public void Static_only_parts_render_nothing_interactively()
    {
        _h.CarryOver();
        _h.Interactive<ConsentBanner>().Markup.Should().BeEmpty();
        _h.Interactive<ConsentStyles>().Markup.Should().BeEmpty();
        _h.Interactive<ConsentModeDefault>().Markup.Should().BeEmpty();
    }
}
