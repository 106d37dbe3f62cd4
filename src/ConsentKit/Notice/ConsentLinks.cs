using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// Every URL ConsentKit writes, in one place: the notice page, its JSON, the choices endpoint and the client assets,
/// each under the request's <c>PathBase</c>. Registered as a singleton; a site can use it for links of its own.
/// </summary>
public sealed class ConsentLinks
{
    private readonly string _noticePath;
    private readonly NoticeDocuments _documents;

    internal ConsentLinks(TransmissionCatalog catalog, NoticeDocuments documents)
    {
        _noticePath = catalog.NoticePath;
        _documents = documents;
        var fileName = catalog.NoticeFileName;
        ChoicesFromNoticePage = (fileName.Length == 0 ? "" : fileName + "/") + "choices";
    }

    /// <summary>The notice page, in the given language (Japanese is the page's default and carries no query).</summary>
    /// <param name="request">The current request.</param>
    /// <param name="language">The language to link to.</param>
    /// <returns>A path under <c>PathBase</c>, for example <c>/external-transmission?lang=en</c>.</returns>
    public string Notice(HttpRequest request, NoticeLanguage language = NoticeLanguage.Japanese)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.PathBase + _noticePath + (language == NoticeLanguage.English ? "?lang=en" : "");
    }

    /// <summary>The endpoint that records choices (<c>POST</c>).</summary>
    /// <param name="request">The current request.</param>
    /// <returns>A path under <c>PathBase</c>, for example <c>/external-transmission/choices</c>.</returns>
    public string Choices(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.PathBase + _noticePath + "/choices";
    }

    internal string Stylesheet(HttpRequest request) => Asset(request, _documents.Stylesheet);

    internal string Script(HttpRequest request) => Asset(request, _documents.Script);

    /// <summary>The choices endpoint relative to the notice page, for the precomputed notice controls.</summary>
    internal string ChoicesFromNoticePage { get; }

    /// <summary>Where the notice page's own controls return to: relative to <c>PathBase</c>, which the endpoint adds back.</summary>
    internal string NoticeReturn(NoticeLanguage language, string moduleId) =>
        _noticePath + (language == NoticeLanguage.English ? "?lang=en" : "") + "#module-" + moduleId;

    /// <summary>The fallback after a choice: the notice page, relative to <c>PathBase</c>.</summary>
    internal string NoticePath => _noticePath;

    private string Asset(HttpRequest request, StaticAsset asset) => request.PathBase + _noticePath + "/assets/" + asset.FileName;
}
