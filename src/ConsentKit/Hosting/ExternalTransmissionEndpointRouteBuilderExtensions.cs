using ConsentKit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps ConsentKit's endpoints.</summary>
public static class ExternalTransmissionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under the declared notice path (default <c>/external-transmission</c>):
    /// <list type="bullet">
    /// <item><c>GET {NoticePath}</c>: the notice page (公表), Japanese by default, English with <c>?lang=en</c>, with the visitor's controls;</item>
    /// <item><c>GET {NoticePath}.json</c>: the same content, machine-readable;</item>
    /// <item><c>POST {NoticePath}/choices</c>: records a choice, from a plain form or from fetch with JSON;</item>
    /// <item><c>GET {NoticePath}/assets/{file}</c>: the client script and stylesheet;</item>
    /// <item><c>POST {NoticePath}/csp-reports</c>: Content Security Policy violation reports (<c>report-uri</c> and <c>report-to</c>);</item>
    /// <item><c>GET {NoticePath}/csp-violations</c>: in the Development environment only, the violations reported and a declaration for each undeclared host;</item>
    /// <item><c>GET /.well-known/gpc.json</c>: the statement that the site honours Global Privacy Control, unless the GPC policy is <c>Ignore</c>.</item>
    /// </list>
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>A convention builder for all of ConsentKit's endpoints.</returns>
    public static IEndpointConventionBuilder MapExternalTransmissionNotice(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var catalog = endpoints.ServiceProvider.GetService<TransmissionCatalog>()
            ?? throw new InvalidOperationException("ConsentKit is not registered. Call services.AddExternalTransmissionNotice() at startup.");
        var path = catalog.NoticePath.TrimEnd('/');
        var notice = ActivatorUtilities.CreateInstance<NoticeEndpoints>(endpoints.ServiceProvider);
        var choices = ActivatorUtilities.CreateInstance<ChoiceEndpoint>(endpoints.ServiceProvider);
        var reports = ActivatorUtilities.CreateInstance<PolicyReportEndpoint>(endpoints.ServiceProvider);
        string[] get = ["GET", "HEAD"];
        var builders = new[]
        {
            endpoints.MapMethods(path.Length == 0 ? "/" : path, get, notice.NoticePageAsync).WithDisplayName("ConsentKit notice page"),
            endpoints.MapMethods((path.Length == 0 ? "/index" : path) + ".json", get, notice.NoticeJsonAsync).WithDisplayName("ConsentKit notice JSON"),
            endpoints.MapMethods(path + "/assets/{file}", get, notice.AssetAsync).WithDisplayName("ConsentKit assets"),
            endpoints.MapMethods(path + "/choices", ["POST"], choices.HandleAsync).WithDisplayName("ConsentKit choices"),
            endpoints.MapMethods(path + PolicyReportEndpoint.PathSuffix, ["POST"], reports.HandleAsync).WithDisplayName("ConsentKit CSP reports"),
        };
        if (endpoints.ServiceProvider.GetService<IHostEnvironment>()?.IsDevelopment() == true)
        {
            var page = ActivatorUtilities.CreateInstance<ViolationPage>(endpoints.ServiceProvider);
            builders = [.. builders, endpoints.MapMethods(path + ViolationPage.PathSuffix, get, page.RenderAsync).WithDisplayName("ConsentKit CSP violations (Development)")];
        }

        if (catalog.Gpc != GpcPolicy.Ignore)
        {
            // The site honours Global Privacy Control: say so where GPC-aware agents look (GPC specification, section 4).
            builders = [.. builders, endpoints.MapMethods("/.well-known/gpc.json", get, notice.GpcAsync).WithDisplayName("ConsentKit GPC support")];
        }

        return new CompositeConventionBuilder(builders);
    }

    private sealed class CompositeConventionBuilder(IEndpointConventionBuilder[] builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }
    }
}
