namespace ConsentKit.EntityFrameworkCore;

/// <summary>
/// The rule two concurrent choices are settled by. A refusal (denial, withdrawal, opt-out) is never overwritten by a
/// concurrent grant: a grant replaces a refusal only when it is newer by more than the concurrency window. Otherwise
/// the newest decision wins, and a refusal wins a tie.
/// </summary>
internal static class DecisionMerge
{
    public static bool IsRefusal(TransmissionStatus status) => status is TransmissionStatus.Denied or TransmissionStatus.OptedOut;

    /// <summary>Whether <paramref name="incoming"/> replaces <paramref name="current"/>.</summary>
    public static bool Replaces(ConsentDecision incoming, ConsentDecision current, TimeSpan window)
    {
        // A decision about another version of the declaration is a new question: the newer answer stands.
        if (!string.Equals(incoming.Fingerprint, current.Fingerprint, StringComparison.Ordinal))
        {
            return incoming.DecidedAt >= current.DecidedAt;
        }

        var incomingRefuses = IsRefusal(incoming.Status);
        var currentRefuses = IsRefusal(current.Status);
        if (incomingRefuses == currentRefuses)
        {
            return incoming.DecidedAt >= current.DecidedAt;
        }

        return incomingRefuses
            ? incoming.DecidedAt > current.DecidedAt - window
            : incoming.DecidedAt > current.DecidedAt + window;
    }
}
