using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// A short key for everything in the visitor's state that changes what ConsentKit renders: each module's status, the
/// privacy signal, and the language of the notice. Two visitors with the same key get the same markup from ConsentKit,
/// so an output cache that varies by it may store pages that read the state (see <c>VaryByConsentState</c>).
/// </summary>
internal static class ConsentStateKey
{
    private static readonly object VariedMarker = new();

    /// <summary>Whether this request's output-cache policy varies by the key: only then may a page that read state be stored.</summary>
    public static bool IsVaried(HttpContext context) => context.Items.ContainsKey(VariedMarker);

    public static string For(HttpContext context, bool varied)
    {
        if (varied)
        {
            // Set before the state is read, so that reading it does not forbid storage.
            context.Items[VariedMarker] = true;
        }

        // The statuses part is computed once per decision vector; only the language is this request's.
        var feature = context.GetExternalTransmissionInternal();
        return (LanguageNegotiation.Select(context.Request) == NoticeLanguage.English ? "e" : "j") + feature.View.StateKey;
    }
}
