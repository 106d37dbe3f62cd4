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

        var feature = context.GetExternalTransmissionInternal();
        var modules = feature.Catalog.Modules;
        var key = new char[modules.Count + 3];
        key[0] = 'k';
        key[1] = LanguageNegotiation.Select(context.Request) == NoticeLanguage.English ? 'e' : 'j';
        key[2] = feature.GlobalPrivacyControl ? 'g' : '-';
        for (var i = 0; i < modules.Count; i++)
        {
            key[i + 3] = (char)('0' + (int)feature.StatusOf(modules[i]));
        }

        return new string(key);
    }
}
