using System.Diagnostics.Metrics;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>Instruments on the <c>ConsentKit</c> meter. Names are stable; they are listed in docs/en/scale-out.md.</summary>
internal sealed class ConsentStoreMetrics
{
    public const string MeterName = "ConsentKit";

    public ConsentStoreMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Decisions = meter.CreateCounter<long>("consentkit.decisions", "{decision}", "Module decisions recorded, by action and measure.");
        Written = meter.CreateCounter<long>("consentkit.store.records.written", "{record}", "Proof records committed to the store.");
        Failed = meter.CreateCounter<long>("consentkit.store.records.failed", "{attempt}", "Attempts to write a proof record that failed.");
        Retried = meter.CreateCounter<long>("consentkit.store.records.retried", "{record}", "Proof records committed from the retry queue.");
        Dropped = meter.CreateCounter<long>("consentkit.store.records.dropped", "{record}", "Proof records lost: queue full or shutdown during an outage.");
        Unverified = meter.CreateCounter<long>("consentkit.store.records.unverified", "{record}", "Proof records read back that do not match their digest.");
    }

    public Counter<long> Decisions { get; }

    public Counter<long> Written { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Retried { get; }

    public Counter<long> Dropped { get; }

    public Counter<long> Unverified { get; }

    public void CountDecisions(ConsentRecord record)
    {
        var action = new KeyValuePair<string, object?>("action", record.Action.ToString());
        foreach (var d in record.Decisions)
        {
            Decisions.Add(1, action, new KeyValuePair<string, object?>("measure", d.Measure.ToString()));
        }
    }
}
