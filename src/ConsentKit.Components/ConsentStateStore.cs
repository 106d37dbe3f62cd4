using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// One per scope (a request in static rendering, a circuit in interactive Server rendering): holds the current
/// <see cref="ConsentState"/> behind the cascading value, persists it at the end of prerendering and takes it back in
/// the interactive scope, where there is no request to read. The components run on the server (static rendering and
/// interactive Server), so the state is persisted for that render mode.
/// </summary>
internal sealed class ConsentStateStore : IDisposable
{
    internal const string PersistenceKey = "ConsentKit.State";
    private readonly PersistentComponentState? _persistent;
    private readonly PersistingComponentStateSubscription? _subscription;
    private readonly IHttpContextAccessor _accessor;
    private readonly ConsentLinks _links;
    private ConsentState? _current;
    private bool _requestBound;

    public ConsentStateStore(IServiceProvider services, IHttpContextAccessor accessor, ConsentLinks links)
    {
        _accessor = accessor;
        _links = links;

        // Absent where components are rendered without Blazor's services (for example from MVC): nothing is carried over.
        _persistent = services.GetService(typeof(PersistentComponentState)) as PersistentComponentState;
        _subscription = _persistent?.RegisterOnPersisting(() =>
        {
            _persistent.PersistAsJson(PersistenceKey, Current.ToPersisted());
            return Task.CompletedTask;
        }, RenderMode.InteractiveServer);
        Source = new CascadingValueSource<ConsentState>(() => Current, isFixed: false);
    }

    /// <summary>
    /// Resolved on first use, not when the scope is built: a circuit's renderer asks for the cascading value before the
    /// state persisted by prerendering has been restored.
    /// </summary>
    public ConsentState Current => _current ??= Resolve();

    /// <summary>The state came from this scope's request (static rendering or prerendering).</summary>
    public bool RequestBound => Current is not null && _requestBound;

    public CascadingValueSource<ConsentState> Source { get; }

    public Task UpdateAsync(ConsentState state)
    {
        _current = state;
        return Source.NotifyChangedAsync(state);
    }

    public void Dispose() => _subscription?.Dispose();

    private ConsentState Resolve()
    {
        if (_persistent is not null && _persistent.TryTakeFromJson<ConsentState.Persisted>(PersistenceKey, out var data) && data is not null)
        {
            return ConsentState.FromPersisted(data);
        }

        if (_accessor.HttpContext is { WebSockets.IsWebSocketRequest: false } http)
        {
            _requestBound = true;
            return ConsentState.From(http.GetExternalTransmissionInternal(), _links, LanguageNegotiation.Select(http.Request));
        }

        // No request and nothing carried over: nothing is allowed (fail closed).
        return new ConsentState(new Dictionary<string, TransmissionStatus>(), "", "", NoticeLanguage.Japanese);
    }
}
