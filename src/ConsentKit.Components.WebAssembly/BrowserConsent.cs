using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    public BrowserConsent(IServiceProvider services, IJSRuntime js)
    {
        _js = js;
        _persistent = services.GetService(typeof(PersistentComponentState)) as PersistentComponentState;
        _source = services.GetService(typeof(IPrerenderedConsentSource)) as IPrerenderedConsentSource;
        _antiforgery = services.GetService(typeof(AntiforgeryStateProvider)) as AntiforgeryStateProvider;
        _subscription = _persistent?.RegisterOnPersisting(() =>
        {
            // The state this scope holds (read from its request, or carried over and changed by choices, when a
            // circuit is paused); never the empty fallback, which would stand for a visitor with nothing declared.
            if (!ReferenceEquals(State, ClientConsentState.Empty))
            {
                PersistText(_persistent, JsonSerializer.Serialize(State.Data, ClientStateJson.Default.Persisted));
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

    private ClientConsentState Resolve()
    {
        if (_persistent is not null && TakeText(_persistent) is { } json && Parse(json) is { } data)
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

    /// <summary>Carried as a string, written and read by a source-generated context, so trimming keeps what it needs.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The persisted value is a string.")]
    private static void PersistText(PersistentComponentState persistent, string json) => persistent.PersistAsJson(PersistenceKey, json);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The persisted value is a string.")]
    private static string? TakeText(PersistentComponentState persistent) =>
        persistent.TryTakeFromJson<string>(PersistenceKey, out var json) ? json : null;

    /// <summary>Carried-over state that cannot be read gives nothing (fail closed), never an exception.</summary>
    private static ClientConsentState.Persisted? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ClientStateJson.Default.Persisted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(ClientConsentState.Persisted))]
internal sealed partial class ClientStateJson : JsonSerializerContext;
