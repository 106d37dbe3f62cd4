using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace ConsentKit;

/// <summary>
/// Writes the per-response Content Security Policy when an HTML response starts. Registered by the middleware before
/// the rest of the pipeline runs, so it runs after the response-start work of anything that read the visitor's state.
/// </summary>
internal sealed class PolicyHeaderWriter
{
    private readonly TransmissionCatalog _catalog;
    private readonly PolicyTable _table;
    private readonly string _reportPath;
    private readonly ConsentLinks? _links;

    public PolicyHeaderWriter(TransmissionCatalog catalog, PolicyTable table, IHostEnvironment? environment = null, ConsentLinks? links = null)
    {
        _catalog = catalog;
        _table = table;
        _links = links;
        // report-uri only: with report-to present Chromium ignores report-uri, and report-to deliveries never arrived from
        // the headless Chromium of the browser tests. The endpoint reads both formats, for a site's own report-to.
        _reportPath = catalog.NoticePath.TrimEnd('/') + PolicyReportEndpoint.PathSuffix;
        Mode = catalog.PolicyMode ?? (environment?.IsDevelopment() == true ? ContentSecurityPolicyMode.ReportOnly : ContentSecurityPolicyMode.Off);
    }

    /// <summary>The mode in effect: the declared one, or report-only in Development and off elsewhere.</summary>
    public ContentSecurityPolicyMode Mode { get; }

    public void Register(HttpContext context)
    {
        if (Mode != ContentSecurityPolicyMode.Off && _catalog.WritePolicyHeader)
        {
            context.Response.OnStarting(static state => ((WriteState)state).Writer.WriteAsync(((WriteState)state).Context), new WriteState(this, context));
        }
    }

    public ExternalTransmissionPolicy PolicyFor(HttpContext context, ExternalTransmissionFeature feature)
    {
        var render = context.Features.Get<ConsentRenderState>();
        return new ExternalTransmissionPolicy(
            _table.For(feature),
            render?.ScriptHashes ?? [],
            _catalog.NonceFor(context),
            // The report endpoint as mapped: under a MapGroup prefix and PathBase when there are any.
            _links?.Reports(context.Request) ?? (context.Request.PathBase.HasValue ? context.Request.PathBase.Value + _reportPath : _reportPath));
    }

    private async Task WriteAsync(HttpContext context)
    {
        var contentType = context.Response.ContentType;
        var headers = context.Response.Headers;
        if (contentType is null || !contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            || headers.ContainsKey(HeaderNames.ContentSecurityPolicy) || headers.ContainsKey(HeaderNames.ContentSecurityPolicyReportOnly))
        {
            // Not a document, or a response that set its own policy (ConsentKit's notice page sends a stricter one).
            return;
        }

        var feature = context.GetExternalTransmissionInternal();
        await feature.ResolveAtResponseStartAsync();
        var policy = PolicyFor(context, feature);
        var name = Mode == ContentSecurityPolicyMode.Enforce ? HeaderNames.ContentSecurityPolicy : HeaderNames.ContentSecurityPolicyReportOnly;
        headers[name] = policy.Header;
    }

    private sealed record WriteState(PolicyHeaderWriter Writer, HttpContext Context);
}
