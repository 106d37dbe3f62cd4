using Microsoft.AspNetCore.Http;
using Microsoft.JSInterop;

namespace ConsentKit.Components;

internal sealed class ExternalTransmissionConsent(ConsentStateStore store, IHttpContextAccessor accessor, IJSRuntime js) : IExternalTransmissionConsent
{
    internal const string ModulePath = "./_content/ConsentKit.Components/consentkit-components.js";
    private IJSObjectReference? _module;
    private DotNetObjectReference<ExternalTransmissionConsent>? _receiver;

    public ConsentState State => store.Current;

    public ValueTask<bool> IsAllowedAsync(string moduleId) =>
        ValueTask.FromResult(store.RequestBound && accessor.HttpContext is { } http
            ? http.GetExternalTransmission().IsAllowed(moduleId)
            : store.Current.IsAllowed(moduleId));

    public async Task<ConsentState> ChooseAsync(ConsentAction action, params string[] moduleIds)
    {
        if (store.RequestBound || store.Current.ChoicesUrl.Length == 0)
        {
            throw new InvalidOperationException(
                "ConsentKit: ChooseAsync needs an interactive render mode (a browser connection). In static rendering the components post forms instead.");
        }

        _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
        var statuses = await _module.InvokeAsync<Dictionary<string, string>>("choose", store.Current.ChoicesUrl, new Dictionary<string, object>
        {
            [ConsentProtocol.Fields.Action] = ConsentProtocol.ActionName(action),
            ["modules"] = moduleIds,
            [ConsentProtocol.Fields.Source] = ConsentProtocol.Sources.Banner,
            [ConsentProtocol.Fields.Language] = ConsentProtocol.LanguageCode(store.Current.Language),
        });
        var state = store.Current.With(statuses);
        await store.UpdateAsync(state);
        return state;
    }

    /// <summary>
    /// Once per interactive scope, after the first interactive render: choices made elsewhere on the page (the static
    /// banner, through <c>consentkit.js</c>) update this scope's state too.
    /// </summary>
    internal async Task ListenAsync()
    {
        if (_receiver is not null || store.RequestBound)
        {
            return;
        }

        _receiver = DotNetObjectReference.Create(this);
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
        await _module.InvokeVoidAsync("listen", _receiver);
    }

    /// <summary>Called by the page's script with every module's new status.</summary>
    [JSInvokable]
    public Task OnChange(Dictionary<string, string> statuses) => store.UpdateAsync(store.Current.With(statuses));
}
