using ConsentKit.Components.WebAssembly;
using Microsoft.AspNetCore.Http;

namespace ConsentKit.Components;

/// <summary>
/// Prerendering of Interactive WebAssembly and Auto components: the visitor's state read from the request, in the form
/// the client-safe components carry into the browser (statuses, the action that allows each choosable module, and each
/// module's summary sentence in the visitor's language, written and encoded here).
/// </summary>
internal sealed class RequestConsentSource(IHttpContextAccessor accessor, ConsentLinks links) : IPrerenderedConsentSource
{
    public ClientConsentState? FromRequest()
    {
        // A circuit's connection is not a page request: there, the state comes from prerendering.
        if (accessor.HttpContext is not { WebSockets.IsWebSocketRequest: false } http)
        {
            return null;
        }

        var feature = http.GetExternalTransmissionInternal();
        var language = LanguageNegotiation.Select(http.Request);
        var data = new ClientConsentState.Persisted
        {
            ChoicesUrl = links.Choices(http.Request),
            NoticeUrl = links.Notice(http.Request, language),
            Language = ConsentProtocol.LanguageCode(language),
        };
        foreach (var m in feature.Catalog.Modules)
        {
            data.Modules[m.Id] = ConsentProtocol.StatusName(feature.StatusOf(m));
            if (m.IsChoosable)
            {
                data.AllowActions[m.Id] = ConsentProtocol.ActionName(m.Measure == TransmissionMeasure.OptOut ? ConsentAction.OptIn : ConsentAction.Grant);
            }

            data.Summaries[m.Id] = ConsentMarkup.Summary(m, language, feature.Catalog);
        }

        return new ClientConsentState(data);
    }
}
