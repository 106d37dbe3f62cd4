using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConsentKit.EntityFrameworkCore;

internal sealed class EfConsentRecordStore(StoreContextFactory contexts, ConsentStoreMetrics metrics, ILogger<EfConsentRecordStore> logger) : IConsentRecordStore
{
    public async Task<IReadOnlyList<StoredConsentRecord>> FindByReceiptAsync(string receiptId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiptId);
        var list = new List<StoredConsentRecord>();
        await foreach (var record in FindAsync(new ConsentRecordQuery { ReceiptId = receiptId.Trim().ToLowerInvariant() }, cancellationToken))
        {
            list.Add(record);
        }

        return list;
    }

    public async IAsyncEnumerable<StoredConsentRecord> FindAsync(ConsentRecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var lease = contexts.Create();
        var rows = lease.Context.Set<ProofRecordRow>().AsNoTracking().Include(r => r.Decisions).AsQueryable();
        if (query.ReceiptId is { } receipt)
        {
            rows = rows.Where(r => r.ReceiptId == receipt);
        }

        if (query.From is { } from)
        {
            var f = RecordRows.ToStoredTime(from);
            rows = rows.Where(r => r.RecordedAt >= f);
        }

        if (query.To is { } to)
        {
            var t = RecordRows.ToStoredTime(to);
            rows = rows.Where(r => r.RecordedAt < t);
        }

        if (query.ModuleId is { } module)
        {
            rows = rows.Where(r => r.Decisions.Any(d => d.ModuleId == module));
        }

        var ordered = rows.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).Take(Math.Max(0, query.Limit)).AsSplitQuery();
        await foreach (var row in ordered.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var verified = RecordDigest.Verify(row);
            if (!verified)
            {
                metrics.Unverified.Add(1);
                Log.RecordUnverified(logger, row.Id, row.ReceiptId);
            }

            yield return new StoredConsentRecord(row.Id, RecordRows.ToRecord(row), verified);
        }
    }

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var before = RecordRows.ToStoredTime(cutoff);
        await using var lease = contexts.Create();
        var db = lease.Context;
        // Children first: a bulk delete does not rely on the database's cascade being switched on.
        await db.Set<ProofDecisionRow>().Where(d => d.RecordedAt < before).ExecuteDeleteAsync(cancellationToken);
        var purged = await db.Set<ProofRecordRow>().Where(r => r.RecordedAt < before).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CurrentDecisionRow>().Where(d => d.DecidedAt < before).ExecuteDeleteAsync(cancellationToken);
        Log.Purged(logger, purged, cutoff);
        return purged;
    }
}
