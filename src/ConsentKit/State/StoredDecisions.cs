using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>
/// Where a site keeps current decisions in a shared store (<see cref="IConsentDecisionStore"/>, for example
/// ConsentKit.EntityFrameworkCore), the visitor's record takes the store's settled decisions after each choice, so
/// choices made at once in two tabs or on two instances merge (a refusal is never lost to a concurrent grant). The store
/// only ever adds refusals and stops to the record, never a grant.
/// </summary>
internal sealed class StoredDecisions(TransmissionCatalog catalog, TimeProvider time, ILogger<StoredDecisions> logger, IEnumerable<IConsentDecisionStore> stores)
{
    private readonly IConsentDecisionStore? _store = stores.LastOrDefault();

    public async Task SettleAsync(ExternalTransmissionFeature feature, string receiptId, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        IReadOnlyList<ConsentDecision> settled;
        try
        {
            settled = await _store.GetAsync(receiptId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The choice itself stands in the cookie; the store catches up when it is back.
            Log.DecisionStoreUnavailable(logger, ex);
            return;
        }

        var day = ConsentRecordCodec.DayOf(time.GetUtcNow());
        foreach (var decision in settled)
        {
            // The store can only make the visitor's record stricter: a refusal or a stop in the cookie is never undone
            // by a stored grant (say, an older one whose withdrawal is still waiting in the store's retry queue).
            if (catalog.Find(decision.ModuleId) is { } module && module.FingerprintHex == decision.Fingerprint
                && ConsentRules.FromStatus(module.Measure, decision.Status) is { } stored
                && ConsentRules.Stricter(feature.DecisionOf(module), stored) is var next && next != feature.DecisionOf(module))
            {
                feature.Record.Set(module.Index, next, day);
                feature.OnDecisionsChanged(persist: true);
            }
        }
    }
}
