namespace ConsentKit;

/// <summary>One receipt's decision on one module, as the store keeps it.</summary>
/// <param name="ModuleId">The module id.</param>
/// <param name="Status">The status the decision gave the module.</param>
/// <param name="Fingerprint">Fingerprint (hex) of the declaration decided on.</param>
/// <param name="DecidedAt">When it was decided (UTC).</param>
public sealed record ConsentDecision(string ModuleId, TransmissionStatus Status, string Fingerprint, DateTimeOffset DecidedAt);

/// <summary>
/// The current decisions per receipt, shared by every instance. Concurrent choices from two tabs or two instances are
/// merged: a refusal is never lost to a concurrent grant.
/// </summary>
public interface IConsentDecisionStore
{
    /// <summary>
    /// Merges <paramref name="changes"/> into the receipt's current decisions and returns the settled decisions of every
    /// module the receipt has. Committed when the task completes.
    /// </summary>
    /// <param name="receiptId">The receipt.</param>
    /// <param name="changes">The decisions of one choice.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The receipt's decisions after the merge.</returns>
    Task<IReadOnlyList<ConsentDecision>> MergeAsync(string receiptId, IReadOnlyList<ConsentDecision> changes, CancellationToken cancellationToken = default);

    /// <summary>The receipt's current decisions; empty when the store has none.</summary>
    /// <param name="receiptId">The receipt.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The decisions.</returns>
    Task<IReadOnlyList<ConsentDecision>> GetAsync(string receiptId, CancellationToken cancellationToken = default);
}
