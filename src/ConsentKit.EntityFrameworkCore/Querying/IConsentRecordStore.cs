namespace ConsentKit.EntityFrameworkCore;

/// <summary>A proof record as the store returns it.</summary>
/// <param name="Id">The store's id of the record.</param>
/// <param name="Record">The record.</param>
/// <param name="Verified">Whether the record still matches the digest stored with it; <see langword="false"/> means it was changed or damaged.</param>
public sealed record StoredConsentRecord(Guid Id, ConsentRecord Record, bool Verified);

/// <summary>Which records to read. Times are UTC; <see cref="From"/> is inclusive, <see cref="To"/> exclusive.</summary>
public sealed class ConsentRecordQuery
{
    /// <summary>Earliest time, inclusive; <see langword="null"/> for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Latest time, exclusive; <see langword="null"/> for no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only records that decided on this module.</summary>
    public string? ModuleId { get; init; }

    /// <summary>Only records of this receipt.</summary>
    public string? ReceiptId { get; init; }

    /// <summary>At most this many records, oldest first. Default 10,000.</summary>
    public int Limit { get; init; } = 10_000;
}

/// <summary>
/// The operator's view of the proof: "what did receipt X agree to, when, and to which text?", from any instance.
/// </summary>
public interface IConsentRecordStore
{
    /// <summary>Every record of a receipt, oldest first.</summary>
    /// <param name="receiptId">The receipt id (32 hex digits).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The records; empty when there are none.</returns>
    Task<IReadOnlyList<StoredConsentRecord>> FindByReceiptAsync(string receiptId, CancellationToken cancellationToken = default);

    /// <summary>Records matching <paramref name="query"/>, oldest first, streamed (for exports).</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<StoredConsentRecord> FindAsync(ConsentRecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes records made before <paramref name="cutoff"/>, and current decisions last changed before it.</summary>
    /// <param name="cutoff">The oldest time kept (UTC).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How many proof records were deleted.</returns>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
