using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>One reported violation: the host the page tried to reach, the directive that stopped it, the page's path.</summary>
internal readonly record struct Violation(string Host, string Directive, string PagePath);

/// <summary>An aggregated violation, for the Development page.</summary>
internal sealed record ViolationSummary(string Host, string Directive, string PagePath, long Count, bool Declared, DateTimeOffset LastSeen);

/// <summary>
/// Violations aggregated by host, directive and page path, in bounded memory: at most <see cref="Capacity"/> distinct
/// entries; a report for a new entry beyond that is counted (meter and <see cref="Overflow"/>), never stored. A warning
/// is logged at most once per host per hour.
/// </summary>
internal sealed class ViolationLog(TransmissionCatalog catalog, PolicyMetrics metrics, ILogger<ViolationLog> logger, TimeProvider time)
{
    public const int Capacity = 512;
    private static readonly TimeSpan WarnEvery = TimeSpan.FromHours(1);

    private readonly object _gate = new();
    private readonly Dictionary<Violation, (long Count, DateTimeOffset LastSeen)> _entries = [];
    private readonly Dictionary<string, DateTimeOffset> _warnedAt = new(StringComparer.Ordinal);

    /// <summary>Reports for entries that did not fit.</summary>
    public long Overflow { get; private set; }

    /// <summary>Whether a module or the operator declares <paramref name="host"/>.</summary>
    public bool IsDeclared(string host) =>
        catalog.FirstPartyHosts.Any(h => DeclarationText.HostMatches(h, host))
        || catalog.Modules.Any(m => m.Hosts.Any(h => DeclarationText.HostMatches(h, host)));

    public void Add(Violation violation)
    {
        var declared = IsDeclared(violation.Host);
        metrics.Violations.Add(1, new("directive", violation.Directive), new("declared", declared));
        var now = time.GetUtcNow();
        bool warn;
        lock (_gate)
        {
            if (_entries.TryGetValue(violation, out var entry))
            {
                _entries[violation] = (entry.Count + 1, now);
            }
            else if (_entries.Count < Capacity)
            {
                _entries[violation] = (1, now);
            }
            else
            {
                Overflow++;
                metrics.CountDropped("capacity");
                return;
            }

            warn = !_warnedAt.TryGetValue(violation.Host, out var at) || now - at >= WarnEvery;
            if (warn)
            {
                // Hosts in the warning table are hosts with a stored entry, so it is bounded by the same capacity.
                _warnedAt[violation.Host] = now;
            }
        }

        if (warn)
        {
            Log.UndeclaredTransmission(logger, Log.Escape(violation.Host), violation.Directive, Log.Escape(violation.PagePath), declared);
        }
    }

    public IReadOnlyList<ViolationSummary> Snapshot()
    {
        lock (_gate)
        {
            return _entries
                .Select(e => new ViolationSummary(e.Key.Host, e.Key.Directive, e.Key.PagePath, e.Value.Count, IsDeclared(e.Key.Host), e.Value.LastSeen))
                .OrderByDescending(s => s.Count)
                .ToArray();
        }
    }
}
