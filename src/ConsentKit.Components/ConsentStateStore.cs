using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// One per scope (a request in static rendering, a circuit in interactive Server rendering): holds the current
/// <see cref="ConsentState"/> behind the cascading value, persists it at the end of prerendering and takes it back in
/// the interactive scope, where there is no request to read.
/// </summary>
internal sealed class ConsentStateStore : IDisposable
{
    internal const string PersistenceKey = "ConsentKit.State";
    private readonly PersistingComponentStateSubscription? _subscription;

    public ConsentStateStore(IServiceProvider services, IHttpContextAccessor accessor, ConsentLinks links)
    {
        // Absent where components are rendered without Blazor's services (for example from MVC): nothing is carried over.
        var persistent = services.GetService(typeof(PersistentComponentState)) as PersistentComponentState;
        if (persistent is not null && persistent.TryTakeFromJson<ConsentState.Persisted>(PersistenceKey, out var data) && data is not null)
        {
            Current = ConsentState.FromPersisted(data);
        }
        else if (accessor.HttpContext is { WebSockets.IsWebSocketRequest: false } http)
        {
            Current = ConsentState.From(http.GetExternalTransmissionInternal(), links, LanguageNegotiation.Select(http.Request));
            RequestBound = true;
        }
        else
        {
            // No request and nothing carried over: nothing is allowed (fail closed).
            Current = new ConsentState(new Dictionary<string, TransmissionStatus>(), "", "", NoticeLanguage.Japanese);
        }

        Source = new CascadingValueSource<ConsentState>(() => Current, isFixed: false);
        _subscription = persistent?.RegisterOnPersisting(() =>
        {
            persistent.PersistAsJson(PersistenceKey, Current.ToPersisted());
            return Task.CompletedTask;
        });
    }

    public ConsentState Current { get; private set; }

    /// <summary>The state came from this scope's request (static rendering or prerendering).</summary>
    public bool RequestBound { get; }

    public CascadingValueSource<ConsentState> Source { get; }

    public Task UpdateAsync(ConsentState state)
    {
        Current = state;
        return Source.NotifyChangedAsync(state);
    }

    public void Dispose() => _subscription?.Dispose();
}
