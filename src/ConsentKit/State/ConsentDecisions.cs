using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>
/// Applies a visitor's change to this request's record with <see cref="ConsentRules.Next"/>, and turns it into proof.
/// </summary>
internal sealed class ConsentDecisions(TransmissionCatalog catalog, ConsentProof proof, StoredDecisions stored, TimeProvider time, ILogger<ConsentDecisions> logger)
{
    public async Task<ConsentChangeResult> ApplyAsync(ExternalTransmissionFeature feature, ConsentChange change, CancellationToken cancellationToken)
    {
        var (touched, unknown) = Apply(feature, change);
        if (touched.Count == 0)
        {
            return new ConsentChangeResult(null, persisted: false, unknown);
        }

        var context = feature.HttpContext;
        var record = proof.Build(feature, change.Action, change.Source, change.Language, touched);
        if (context.Response.HasStarted)
        {
            Log.RecordNotPersisted(logger, change.Action);
            return new ConsentChangeResult(record, persisted: false, unknown);
        }

        feature.OnDecisionsChanged(persist: true);
        SyncTrackingConsent(context, change);
        await proof.RecordAsync(record, cancellationToken);
        await stored.SettleAsync(feature, record.ReceiptId, cancellationToken);
        return new ConsentChangeResult(record, persisted: true, unknown);
    }

    /// <summary>Changes the record in memory; returns the modules whose decision changed and the ids that were ignored.</summary>
    public (List<ModuleDescriptor> Touched, IReadOnlyList<string> Unknown) Apply(ExternalTransmissionFeature feature, ConsentChange change)
    {
        var unknown = new List<string>();
        var listed = Listed(change, unknown);
        var switchedOn = change.Action == ConsentAction.Save
            ? new HashSet<string>(change.Allowed ?? [], StringComparer.OrdinalIgnoreCase)
            : null;

        var record = feature.Record;
        var today = ConsentRecordCodec.DayOf(time.GetUtcNow());
        var touched = new List<ModuleDescriptor>();
        foreach (var m in catalog.Modules)
        {
            var scope = listed is null ? ChoiceScope.Unlisted : listed.Contains(m.Id) ? ChoiceScope.Listed : ChoiceScope.Other;
            var next = ConsentRules.Next(change.Action, m.Measure, record.Decisions[m.Index], scope, switchedOn?.Contains(m.Id) == true, m.IsStoppableNotice);
            if (next is { } decision)
            {
                record.Set(m.Index, decision, today);
                touched.Add(m);
            }
        }

        feature.OnDecisionsChanged(persist: false);
        return (touched, unknown);
    }

    private HashSet<string>? Listed(ConsentChange change, List<string> unknown)
    {
        if (change.Modules is null)
        {
            return null;
        }

        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in change.Modules)
        {
            if (catalog.Find(id) is { } module && ConsentRules.CanName(change.Action, module.Measure, module.IsStoppableNotice))
            {
                listed.Add(module.Id);
            }
            else
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count > 0)
        {
            Log.UnknownModulesIgnored(logger, string.Join(", ", unknown.Select(Log.Escape)));
        }

        return listed;
    }

    /// <summary>Keeps ASP.NET Core's CookiePolicy consent in step for code that reads <see cref="ITrackingConsentFeature"/>.</summary>
    private static void SyncTrackingConsent(HttpContext context, ConsentChange change)
    {
        if (context.Features.Get<ITrackingConsentFeature>() is not { } tracking)
        {
            return;
        }

        if (change.Action == ConsentAction.AcceptAll)
        {
            tracking.GrantConsent();
        }
        else if (change.Action is ConsentAction.RejectAll || (change.Action == ConsentAction.Withdraw && change.Modules is null))
        {
            tracking.WithdrawConsent();
        }
    }
}
