using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace ConsentKit;

/// <summary>
/// Everything a page derives from the visitor's statuses alone, computed once per distinct decision vector (the
/// recorded decision of every module and the privacy signal): each module's status, whether anything is pending, the
/// module list, the client script's state JSON, the Consent Mode state and its snippets, and a digest for ETags.
/// Sites see few distinct vectors (nothing decided, accepted all, refused all, a few mixes), so a page costs the
/// same whether the site declares 5 modules or 500. Instances are shared between requests and never mutated.
/// </summary>
internal sealed class StatusView
{
    private readonly ConcurrentDictionary<int, string> _consentModeSnippets = new();

    public StatusView(TransmissionCatalog catalog, RecordedDecision[] decisions, bool gpc)
    {
        var modules = catalog.Modules;
        Statuses = new TransmissionStatus[modules.Count];
        var states = new ModuleState[modules.Count];
        var names = new Dictionary<string, string>(modules.Count, StringComparer.Ordinal);
        foreach (var m in modules)
        {
            var status = ConsentRules.Status(m.Measure, decisions[m.Index], gpc, catalog.Gpc);
            Statuses[m.Index] = status;
            states[m.Index] = new ModuleState(m.Id, status);
            names[m.Id] = ConsentProtocol.StatusName(status);
            HasPending |= status == TransmissionStatus.Pending;
        }

        Modules = states;
        StatusNames = names;
        StateJson = JsonSerializer.Serialize(names, ConsentKitJsonContext.Default.DictionaryStringString);
        ConsentMode = ConsentModeState.Compute(catalog, m => Statuses[m.Index]);
        var digestInput = new byte[Statuses.Length + 1];
        for (var i = 0; i < Statuses.Length; i++)
        {
            digestInput[i] = (byte)Statuses[i];
        }

        digestInput[^1] = gpc ? (byte)1 : (byte)0;
        Digest = Convert.ToHexString(SHA256.HashData(digestInput), 0, 6).ToLowerInvariant();
        var key = new char[Statuses.Length + 1];
        key[0] = gpc ? 'g' : '-';
        for (var i = 0; i < Statuses.Length; i++)
        {
            key[i + 1] = (char)('0' + (int)Statuses[i]);
        }

        StateKey = new string(key);
    }

    /// <summary>Each module's status, by catalog index.</summary>
    public TransmissionStatus[] Statuses { get; }

    /// <summary>Some module is pending: the banner is needed.</summary>
    public bool HasPending { get; }

    /// <summary>Every module with its status, in catalog order.</summary>
    public IReadOnlyList<ModuleState> Modules { get; }

    /// <summary>Module id → protocol status name (shared; callers must not change it).</summary>
    public Dictionary<string, string> StatusNames { get; }

    /// <summary><see cref="StatusNames"/> as JSON, for the client script's state attribute.</summary>
    public string StateJson { get; }

    /// <summary>Consent Mode type → "granted"/"denied" (shared; callers must not change it).</summary>
    public Dictionary<string, string> ConsentMode { get; }

    /// <summary>
    /// The signal and every status, exactly (one character each): two visitors with the same key get the same markup.
    /// A cache key (<c>VaryByConsentState</c>), so it is exact rather than a digest.
    /// </summary>
    public string StateKey { get; }

    /// <summary>A short digest of the statuses and the signal, for validators (ETags) of pages that show them.</summary>
    public string Digest { get; }

    /// <summary>What the banner lists for these decisions (set by <see cref="ConsentMarkup"/> on first use; immutable).</summary>
    internal BannerLists? Banner { get; set; }

    /// <summary>The Consent Mode defaults script body; null when no module maps to Consent Mode.</summary>
    public string? ConsentModeSnippet(int? waitForUpdate) =>
        ConsentMode.Count == 0 ? null
        : _consentModeSnippets.GetOrAdd(waitForUpdate ?? -1, static (wait, state) => ConsentModeState.DefaultSnippet(state, wait < 0 ? null : wait), ConsentMode);
}

/// <summary>
/// The views of the decision vectors seen recently. Bounded: a vector is a key of one byte per module plus the
/// signal, and at most <see cref="Capacity"/> views are kept (one is dropped per new vector when full, see
/// <see cref="BoundedCache{TValue}"/>); a vector not cached is computed, never guessed.
/// </summary>
internal sealed class StatusViews(TransmissionCatalog catalog)
{
    public const int Capacity = 1024;

    // One pair per decision vector (keyed by the decisions alone): the view without and with the privacy signal.
    private readonly BoundedCache<Pair> _views = new(Capacity, TimeSpan.FromHours(1));

    /// <summary>Decision vectors currently kept (for tests).</summary>
    public int Count => _views.Count;

    /// <summary>The key of a decision vector: one character per module.</summary>
    public static string KeyOf(RecordedDecision[] decisions) => string.Create(decisions.Length, decisions, static (chars, d) =>
    {
        for (var i = 0; i < d.Length; i++)
        {
            chars[i] = (char)('0' + (byte)d[i]);
        }
    });

    /// <param name="decisions">Each module's recorded decision.</param>
    /// <param name="gpc">The privacy signal.</param>
    /// <param name="key"><see cref="KeyOf"/> of <paramref name="decisions"/> when the caller has it (a remembered record).</param>
    public StatusView For(RecordedDecision[] decisions, bool gpc, string? key = null)
    {
        key ??= KeyOf(decisions);
        if (!_views.TryGet(key, out var pair))
        {
            pair = new Pair();
            _views.Set(key, pair);
        }

        ref var slot = ref gpc ? ref pair.WithSignal : ref pair.Plain;
        if (Volatile.Read(ref slot) is { } known)
        {
            return known;
        }

        // Two requests may both compute it; views of the same decisions are equal, either may stay.
        var view = new StatusView(catalog, decisions, gpc);
        Volatile.Write(ref slot, view);
        return view;
    }

    private sealed class Pair
    {
        public StatusView? Plain;
        public StatusView? WithSignal;
    }
}
