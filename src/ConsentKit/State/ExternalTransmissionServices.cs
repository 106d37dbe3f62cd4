using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// Creates each request's <see cref="ExternalTransmissionFeature"/> and hands it the services its public methods
/// delegate to. The feature itself holds per-request state only.
/// </summary>
internal sealed class ExternalTransmissionServices(TransmissionCatalog catalog, RecordCookieStore cookies, ConsentDecisions decisions, ResponseStartWork responseStart, PolicyHeaderWriter policy, StatusViews? views = null)
{
    public TransmissionCatalog Catalog { get; } = catalog;

    public RecordCookieStore Cookies { get; } = cookies;

    public ConsentDecisions Decisions { get; } = decisions;

    public ResponseStartWork ResponseStart { get; } = responseStart;

    public PolicyHeaderWriter Policy { get; } = policy;

    /// <summary>What pages derive from the statuses, per distinct decision vector.</summary>
    public StatusViews Views { get; } = views ?? new StatusViews(catalog);

    public ExternalTransmissionFeature Create(HttpContext context) => new(context, this);
}
