namespace ConsentKit.Components.WebAssembly;

/// <summary>
/// The visitor's state as an Interactive WebAssembly or Auto component sees it: taken from the request when the page
/// is prerendered, carried into the browser with <c>PersistentComponentState</c>, and replaced when a choice is made.
/// Immutable: a change makes a new instance. Statuses use the names of ConsentKit's protocol (<c>allowed</c>,
/// <c>exempt</c>, <c>pending</c>, <c>denied</c>, <c>optedOut</c>), as <c>window.ConsentKit.state()</c> does.
/// </summary>
public sealed class ClientConsentState
{
    /// <summary>The status names that let a module send.</summary>
    private static readonly string[] AllowedStatuses = ["allowed", "exempt"];

    internal ClientConsentState(Persisted data)
    {
        Data = data;
    }

    /// <summary>Nothing declared, nothing allowed: the state when nothing was carried over (fail closed).</summary>
    internal static ClientConsentState Empty { get; } = new(new Persisted());

    internal Persisted Data { get; }

    /// <summary>Every declared module's status, by id.</summary>
    public IReadOnlyDictionary<string, string> Modules => Data.Modules;

    /// <summary>The endpoint that records choices.</summary>
    public string ChoicesUrl => Data.ChoicesUrl;

    /// <summary>The notice page, in <see cref="Language"/>.</summary>
    public string NoticeUrl => Data.NoticeUrl;

    /// <summary><c>ja</c> or <c>en</c>: the language the visitor prefers.</summary>
    public string Language => Data.Language;

    /// <summary>The module's status; <c>pending</c> (never allowed) for an id that is not declared.</summary>
    /// <param name="moduleId">A module id.</param>
    /// <returns>The status name.</returns>
    public string GetStatus(string moduleId) =>
        moduleId is not null && Data.Modules.TryGetValue(moduleId, out var status) ? status : "pending";

    /// <summary>Whether the module may send now; <see langword="false"/> for an id that is not declared (fail closed).</summary>
    /// <param name="moduleId">A module id.</param>
    /// <returns>Whether it may send.</returns>
    public bool IsAllowed(string moduleId) => AllowedStatuses.Contains(GetStatus(moduleId));

    /// <summary>Whether the module is declared.</summary>
    internal bool IsDeclared(string? moduleId) => moduleId is not null && Data.Modules.ContainsKey(moduleId);

    /// <summary>The action that allows a choosable module (<c>grant</c> or <c>opt-in</c>); <see langword="null"/> when the visitor cannot choose it.</summary>
    internal string? AllowAction(string moduleId) => Data.AllowActions.TryGetValue(moduleId, out var action) ? action : null;

    /// <summary>The server-written, encoded sentence of what allowing the module sends, to whom and why.</summary>
    internal string? Summary(string moduleId) => Data.Summaries.TryGetValue(moduleId, out var html) ? html : null;

    /// <summary>This state with the statuses a choice returned; ids not declared are ignored, unknown names read as <c>pending</c>.</summary>
    internal ClientConsentState With(IReadOnlyDictionary<string, string>? statuses)
    {
        var modules = new Dictionary<string, string>(Data.Modules, StringComparer.Ordinal);
        foreach (var (id, name) in statuses ?? new Dictionary<string, string>())
        {
            if (modules.ContainsKey(id))
            {
                modules[id] = Known(name);
            }
        }

        return new ClientConsentState(Data with { Modules = modules });
    }

    private static string Known(string? name) => name is "allowed" or "exempt" or "pending" or "denied" or "optedOut" ? name : "pending";

    /// <summary>What crosses from prerendering into the browser (or into an Auto component's server circuit).</summary>
    internal sealed record Persisted
    {
        public Dictionary<string, string> Modules { get; init; } = new(StringComparer.Ordinal);

        /// <summary>Module id to the action that allows it, for the modules a visitor can choose.</summary>
        public Dictionary<string, string> AllowActions { get; init; } = new(StringComparer.Ordinal);

        /// <summary>Module id to its summary sentence (HTML, encoded by the server) in <see cref="Language"/>.</summary>
        public Dictionary<string, string> Summaries { get; init; } = new(StringComparer.Ordinal);

        public string ChoicesUrl { get; init; } = "";

        public string NoticeUrl { get; init; } = "";

        public string Language { get; init; } = "ja";
    }
}
