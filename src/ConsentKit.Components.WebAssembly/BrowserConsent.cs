using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace ConsentKit.Components.WebAssembly;

/// <summary>
/// The server's side of prerendering: the visitor's state read from the request, or <see langword="null"/> when there
/// is no request to read (in the browser, or in an Auto component's server circuit). Implemented by
/// <c>ConsentKit.Components</c>.
/// </summary>
internal interface IPrerenderedConsentSource
{
    ClientConsentState? FromRequest();
}

/// <summary>
/// One per scope (a prerendered request, a browser session, a circuit). The state comes from the request while
/// prerendering (and is persisted for WebAssembly and Auto), then from <see cref="PersistentComponentState"/>.
/// </summary>
internal sealed class BrowserConsent : IExternalTransmissionConsent, IDisposable
{
    internal const string PersistenceKey = "ConsentKit.ClientState";
    internal const string ModulePath = "./_content/ConsentKit.Components.WebAssembly/consentkit-browser.js";
    private readonly PersistentComponentState? _persistent;
    private readonly PersistingComponentStateSubscription? _subscription;
    private readonly IPrerenderedConsentSource? _source;
    private readonly IJSRuntime _js;
    private readonly AntiforgeryStateProvider? _antiforgery;
    private ClientConsentState? _current;
    private bool _fromRequest;
    private IJSObjectReference? _module;
    private DotNetObjectReference<BrowserConsent>? _receiver;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The persisted type is annotated by PersistAsJson's generic parameter.")]
    public BrowserConsent(IServiceProvider services, IJSRuntime js)
    {
        _js = js;
        _persistent = services.GetService(typeof(PersistentComponentState)) as PersistentComponentState;
        _source = services.GetService(typeof(IPrerenderedConsentSource)) as IPrerenderedConsentSource;
        _antiforgery = services.GetService(typeof(AntiforgeryStateProvider)) as AntiforgeryStateProvider;
        _subscription = _persistent?.RegisterOnPersisting(() =>
        {
            // Only what this scope read from its request crosses over; a browser scope has nothing to persist.
            if (_fromRequest || (_current is null && _source is not null))
            {
                _persistent.PersistAsJson(PersistenceKey, State.Data);
            }

            return Task.CompletedTask;
        }, RenderMode.InteractiveAuto);
    }

    public event Action<ClientConsentState>? Changed;

    /// <summary>Resolved on first use: an Auto circuit asks before the state persisted by prerendering is restored.</summary>
    public ClientConsentState State => _current ??= Resolve();

    public ValueTask<bool> IsAllowedAsync(string moduleId) => ValueTask.FromResult(State.IsAllowed(moduleId));

    public async Task<ClientConsentState> ChooseAsync(string action, params string[] moduleIds)
    {
        if (_fromRequest || State.ChoicesUrl.Length == 0)
        {
            throw new InvalidOperationException(
                "ConsentKit: ChooseAsync needs an interactive render (the browser posts the choice). While prerendering there is no browser to post from.");
        }

        ArgumentNullException.ThrowIfNull(action);
        _module ??= await _js.InvokeAsync<IJSObjectReference>("import", ModulePath);

        // Sent when the server rendered one (Blazor's antiforgery state); the endpoint's origin checks need nothing else.
        var token = _antiforgery?.GetAntiforgeryToken();
        var statuses = await _module.InvokeAsync<Dictionary<string, string>>("choose", State.ChoicesUrl, new Dictionary<string, object>
        {
            ["action"] = action,
            ["modules"] = moduleIds ?? [],
            ["source"] = "banner",
            ["lang"] = State.Language,
        }, token?.Value);
        Update(State.With(statuses));
        return State;
    }

    /// <summary>Once per interactive scope: choices made elsewhere on the page (the static banner) update this state too.</summary>
    internal async Task ListenAsync()
    {
        if (_receiver is not null || _fromRequest)
        {
            return;
        }

        _receiver = DotNetObjectReference.Create(this);
        _module ??= await _js.InvokeAsync<IJSObjectReference>("import", ModulePath);
        await _module.InvokeVoidAsync("listen", _receiver);
    }

    /// <summary>Called by the page's script with every module's new status.</summary>
    /// <param name="statuses">Module id to status name.</param>
    [JSInvokable]
    public void OnChange(Dictionary<string, string> statuses) => Update(State.With(statuses));

    public void Dispose()
    {
        _subscription?.Dispose();
        _receiver?.Dispose();
    }

    private void Update(ClientConsentState state)
    {
        _current = state;
        Changed?.Invoke(state);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The persisted type is annotated by TryTakeFromJson's generic parameter.")]
    private ClientConsentState Resolve()
    {
        if (_persistent is not null && _persistent.TryTakeFromJson<ClientConsentState.Persisted>(PersistenceKey, out var data) && data is not null)
        {
            return new ClientConsentState(data);
        }

        if (_source?.FromRequest() is { } fromRequest)
        {
            _fromRequest = true;
            return fromRequest;
        }

        // No request and nothing carried over: nothing is allowed (fail closed).
        return ClientConsentState.Empty;
    }
}
