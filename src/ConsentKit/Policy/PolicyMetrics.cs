using System.Diagnostics.Metrics;

namespace ConsentKit;

/// <summary>Instruments for the Content Security Policy on the <c>ConsentKit</c> meter (the store package uses the same meter).</summary>
internal sealed class PolicyMetrics
{
    public const string MeterName = "ConsentKit";

    public PolicyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Violations = meter.CreateCounter<long>("consentkit.csp.violations", "{report}", "Violations of ConsentKit's Content Security Policy reported by browsers, by directive and whether the host is declared.");
        Dropped = meter.CreateCounter<long>("consentkit.csp.reports.dropped", "{report}", "Reports counted but not stored: rate limit, size, content type, malformed body or aggregation capacity.");
    }

    public Counter<long> Violations { get; }

    public Counter<long> Dropped { get; }

    public void CountDropped(string reason) => Dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
