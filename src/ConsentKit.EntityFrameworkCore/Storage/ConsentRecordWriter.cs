using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>What became of one write.</summary>
internal enum WriteOutcome
{
    Written,

    /// <summary>A retry of a record that had reached the database after all.</summary>
    AlreadyWritten,

    /// <summary>A Notice acknowledgement this receipt already has for the same notice text and declarations.</summary>
    DuplicateAcknowledgement,
}

/// <summary>
/// Writes a proof record and merges its decisions into the receipt's current decisions, in one transaction.
/// Conflicts with another instance (same receipt, same module) are retried against the fresh rows.
/// </summary>
internal sealed class ConsentRecordWriter(StoreContextFactory contexts, IOptions<ConsentStoreOptions> options) : IConsentDecisionStore
{
    private const int MaxConflictRetries = 8;
    private readonly TimeSpan _window = options.Value.ConcurrencyWindow;

    /// <summary>Writes the record. <paramref name="isRetry"/>: it may have reached the database before, so look first.</summary>
    public async Task<WriteOutcome> WriteAsync(Guid id, ConsentRecord record, bool isRetry, CancellationToken cancellationToken)
    {
        var outcome = WriteOutcome.Written;
        await RunAsync(async db =>
        {
            if (isRetry && await db.Set<ProofRecordRow>().AnyAsync(r => r.Id == id, cancellationToken))
            {
                outcome = WriteOutcome.AlreadyWritten;
                return false;
            }

            if (record.Action == ConsentAction.AcknowledgeNotice && await HasAcknowledgementAsync(db, record, cancellationToken))
            {
                outcome = WriteOutcome.DuplicateAcknowledgement;
                return false;
            }

            db.Add(RecordRows.ToRow(id, record));
            await StageMergeAsync(db, record.ReceiptId, RecordRows.DecisionsOf(record), cancellationToken);
            return true;
        }, cancellationToken);
        return outcome;
    }

    public async Task<IReadOnlyList<ConsentDecision>> MergeAsync(string receiptId, IReadOnlyList<ConsentDecision> changes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(receiptId);
        ArgumentNullException.ThrowIfNull(changes);
        IReadOnlyList<ConsentDecision> settled = [];
        await RunAsync(async db =>
        {
            settled = await StageMergeAsync(db, receiptId, changes, cancellationToken);
            return true;
        }, cancellationToken);
        return settled;
    }

    public async Task<IReadOnlyList<ConsentDecision>> GetAsync(string receiptId, CancellationToken cancellationToken = default)
    {
        await using var lease = contexts.Create();
        var rows = await lease.Context.Set<CurrentDecisionRow>().AsNoTracking()
            .Where(d => d.ReceiptId == receiptId).OrderBy(d => d.ModuleId).ToListAsync(cancellationToken);
        return rows.Select(RecordRows.ToDecision).ToList();
    }

    /// <summary>Runs <paramref name="stage"/> and saves; on a conflict with a concurrent writer, starts again from fresh rows.</summary>
    private async Task RunAsync(Func<DbContext, Task<bool>> stage, CancellationToken cancellationToken)
    {
        await using var lease = contexts.Create();
        var db = lease.Context;
        for (var attempt = 1; ; attempt++)
        {
            if (!await stage(db))
            {
                return;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < MaxConflictRetries && IsConflict(ex))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<ConsentDecision>> StageMergeAsync(DbContext db, string receiptId, IReadOnlyList<ConsentDecision> changes, CancellationToken cancellationToken)
    {
        var rows = await db.Set<CurrentDecisionRow>().Where(d => d.ReceiptId == receiptId).ToDictionaryAsync(d => d.ModuleId, StringComparer.Ordinal, cancellationToken);
        foreach (var change in changes)
        {
            var at = RecordRows.ToStoredTime(change.DecidedAt);
            if (!rows.TryGetValue(change.ModuleId, out var row))
            {
                row = new CurrentDecisionRow { ReceiptId = receiptId, ModuleId = change.ModuleId, Status = change.Status.ToString(), Fingerprint = change.Fingerprint, DecidedAt = at, Version = 1 };
                db.Add(row);
                rows[change.ModuleId] = row;
            }
            else if (DecisionMerge.Replaces(change, RecordRows.ToDecision(row), _window))
            {
                row.Status = change.Status.ToString();
                row.Fingerprint = change.Fingerprint;
                row.DecidedAt = at;
                row.Version++;
            }
        }

        return rows.Values.OrderBy(r => r.ModuleId, StringComparer.Ordinal).Select(RecordRows.ToDecision).ToList();
    }

    private static async Task<bool> HasAcknowledgementAsync(DbContext db, ConsentRecord record, CancellationToken cancellationToken)
    {
        var action = nameof(ConsentAction.AcknowledgeNotice);
        var earlier = await db.Set<ProofRecordRow>().AsNoTracking()
            .Where(r => r.ReceiptId == record.ReceiptId && r.Action == action && r.NoticeSha256 == record.NoticeSha256)
            .Select(r => r.Decisions.Select(d => d.Fingerprint).ToList())
            .ToListAsync(cancellationToken);
        return earlier.Any(fingerprints => record.Decisions.All(d => fingerprints.Contains(d.Fingerprint)));
    }

    /// <summary>Another writer got there first: a duplicate key, or a row whose version moved on.</summary>
    private static bool IsConflict(DbUpdateException ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure } } => true,
        // SQLITE_CONSTRAINT (19) with the primary-key or unique extended code.
        { InnerException: SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1555 or 2067 } } => true,
        _ => false,
    };
}
