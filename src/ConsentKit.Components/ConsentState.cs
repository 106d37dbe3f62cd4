namespace ConsentKit.Components;

/// <summary>
/// The visitor's state as components see it in every render mode, available as a cascading value
/// (<c>[CascadingParameter] ConsentState</c>). Taken from the request in static rendering and prerendering, carried into
/// interactive rendering with <c>PersistentComponentState</c>, and replaced when a choice is made in an interactive
/// component. Immutable: a change makes a new instance, and components that receive it re-render.
/// </summary>
public sealed class ConsentState
{
    private readonly IReadOnlyDictionary<string, TransmissionStatus> _modules;

    internal ConsentState(IReadOnlyDictionary<string, TransmissionStatus> modules, string choicesUrl, string noticeUrl, NoticeLanguage language)
    {
        _modules = modules;
        ChoicesUrl = choicesUrl;
        NoticeUrl = noticeUrl;
        Language = language;
    }

    /// <summary>Every declared module's status, by id.</summary>
    public IReadOnlyDictionary<string, TransmissionStatus> Modules => _modules;

    /// <summary>The endpoint that records choices.</summary>
    public string ChoicesUrl { get; }

    /// <summary>The notice page, in <see cref="Language"/>.</summary>
    public string NoticeUrl { get; }

    /// <summary>The language the visitor prefers.</summary>
    public NoticeLanguage Language { get; }

    /// <summary>The module's status; <see cref="TransmissionStatus.Pending"/> (never allowed) for an id that is not declared.</summary>
    /// <param name="moduleId">A module id.</param>
    /// <returns>The status.</returns>
    public TransmissionStatus GetStatus(string moduleId) =>
        moduleId is not null && _modules.TryGetValue(moduleId, out var status) ? status : TransmissionStatus.Pending;

    /// <summary>Whether the module may send now; <see langword="false"/> for an id that is not declared (fail closed).</summary>
    /// <param name="moduleId">A module id.</param>
    /// <returns>Whether it may send.</returns>
    public bool IsAllowed(string moduleId) => GetStatus(moduleId).IsAllowed();

    internal static ConsentState From(ExternalTransmissionFeature feature, ConsentLinks links, NoticeLanguage language)
    {
        var request = feature.HttpContext.Request;
        var modules = feature.Catalog.Modules.ToDictionary(m => m.Id, feature.StatusOf, StringComparer.Ordinal);
        return new ConsentState(modules, links.Choices(request), links.Notice(request, language), language);
    }

    internal ConsentState With(IReadOnlyDictionary<string, string> statuses)
    {
        var modules = new Dictionary<string, TransmissionStatus>(_modules, StringComparer.Ordinal);
        foreach (var (id, name) in statuses)
        {
            if (modules.ContainsKey(id))
            {
                modules[id] = Parse(name);
            }
        }

        return new ConsentState(modules, ChoicesUrl, NoticeUrl, Language);
    }

    internal Persisted ToPersisted() =>
        new(_modules.ToDictionary(p => p.Key, p => ConsentProtocol.StatusName(p.Value), StringComparer.Ordinal), ChoicesUrl, NoticeUrl, ConsentProtocol.LanguageCode(Language));

    internal static ConsentState FromPersisted(Persisted data) =>
        new ConsentState(new Dictionary<string, TransmissionStatus>(StringComparer.Ordinal), data.ChoicesUrl, data.NoticeUrl, ConsentProtocol.ParseLanguage(data.Language))
            .WithAll(data.Modules);

    private ConsentState WithAll(IReadOnlyDictionary<string, string> statuses) =>
        new(statuses.ToDictionary(p => p.Key, p => Parse(p.Value), StringComparer.Ordinal), ChoicesUrl, NoticeUrl, Language);

    /// <summary>A status name from the protocol; anything unknown is <see cref="TransmissionStatus.Pending"/> (fail closed).</summary>
    private static TransmissionStatus Parse(string? name)
    {
        foreach (var status in Enum.GetValues<TransmissionStatus>())
        {
            if (ConsentProtocol.StatusName(status) == name)
            {
                return status;
            }
        }

        return TransmissionStatus.Pending;
    }

    /// <summary>What crosses from prerendering into interactive rendering.</summary>
    internal sealed record Persisted(Dictionary<string, string> Modules, string ChoicesUrl, string NoticeUrl, string Language);
}
