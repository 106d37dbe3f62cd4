using ConsentKit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps ConsentKit's endpoints.</summary>
public static class ExternalTransmissionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under the declared notice path (default <c>/external-transmission</c>) and under the group prefix when
    /// called on <c>MapGroup(…)</c>:
    /// <list type="bullet">
    /// <item><c>GET {NoticePath}</c>: the notice page (公表), Japanese by default, English with <c>?lang=en</c>, with the visitor's controls;</item>
    /// <item><c>GET {NoticePath}.json</c>: the same content, machine-readable;</item>
    /// <item><c>POST {NoticePath}/choices</c>: records a choice, from a plain form or from fetch with JSON;</item>
    /// <item><c>GET {NoticePath}/assets/{file}</c>: the client script and stylesheet;</item>
    /// <item><c>POST {NoticePath}/csp-reports</c>: Content Security Policy violation reports (<c>report-uri</c> and <c>report-to</c>);</item>
    /// <item><c>GET {NoticePath}/csp-violations</c>: in the Development environment only, the violations reported and a declaration for each undeclared host;</item>
    /// <item><c>GET /.well-known/gpc.json</c>: the statement that the site honours Global Privacy Control, unless the GPC policy is <c>Ignore</c>; always at the site's root, outside any group prefix (a well-known URI is defined at the origin's root).</item>
    /// </list>
    /// Each endpoint carries a name from <see cref="ConsentKitEndpointNames"/>; every link ConsentKit writes is generated
    /// from those names, so it follows the group prefix and <c>PathBase</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>
    /// A convention builder for all of ConsentKit's endpoints, with one per endpoint (for example
    /// <c>.Choices.RequireRateLimiting("choices")</c> or <c>.Notice.CacheOutput()</c>).
    /// </returns>
    public static ExternalTransmissionEndpointConventionBuilder MapExternalTransmissionNotice(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var catalog = endpoints.ServiceProvider.GetService<TransmissionCatalog>()
            ?? throw new InvalidOperationException("ConsentKit is not registered. Call services.AddExternalTransmissionNotice() at startup.");
        var path = catalog.NoticePath.TrimEnd('/');
        var notice = ActivatorUtilities.CreateInstance<NoticeEndpoints>(endpoints.ServiceProvider);
        var choices = ActivatorUtilities.CreateInstance<ChoiceEndpoint>(endpoints.ServiceProvider);
        var reports = ActivatorUtilities.CreateInstance<PolicyReportEndpoint>(endpoints.ServiceProvider);
        string[] get = ["GET", "HEAD"];
        var noticePage = endpoints.MapMethods(path.Length == 0 ? "/" : path, get, notice.NoticePageAsync)
            .WithDisplayName("ConsentKit notice page").WithName(ConsentKitEndpointNames.Notice);
        var noticeJson = endpoints.MapMethods((path.Length == 0 ? "/index" : path) + ".json", get, notice.NoticeJsonAsync)
            .WithDisplayName("ConsentKit notice JSON").WithName(ConsentKitEndpointNames.NoticeJson);
        var assets = endpoints.MapMethods(path + "/assets/{file}", get, notice.AssetAsync)
            .WithDisplayName("ConsentKit assets").WithName(ConsentKitEndpointNames.Assets);
        var choicesEndpoint = endpoints.MapMethods(path + "/choices", ["POST"], choices.HandleAsync)
            .WithDisplayName("ConsentKit choices").WithName(ConsentKitEndpointNames.Choices);
        IEndpointConventionBuilder reportEndpoints = endpoints.MapMethods(path + PolicyReportEndpoint.PathSuffix, ["POST"], reports.HandleAsync)
            .WithDisplayName("ConsentKit CSP reports").WithName(ConsentKitEndpointNames.Reports);
        if (endpoints.ServiceProvider.GetService<IHostEnvironment>()?.IsDevelopment() == true)
        {
            var page = ActivatorUtilities.CreateInstance<ViolationPage>(endpoints.ServiceProvider);
            var violations = endpoints.MapMethods(path + ViolationPage.PathSuffix, get, page.RenderAsync)
                .WithDisplayName("ConsentKit CSP violations (Development)").WithName(ConsentKitEndpointNames.Violations);
            reportEndpoints = new CompositeConventionBuilder([reportEndpoints, violations]);
        }

        IEndpointConventionBuilder gpc = new CompositeConventionBuilder([]);
        if (catalog.Gpc != GpcPolicy.Ignore)
        {
            // The site honours Global Privacy Control: say so where GPC-aware agents look (GPC specification, section 4):
            // at the origin's root, even when the rest is mapped inside MapGroup("/legal").
            var statement = new RootEndpointDataSource("/.well-known/gpc.json", get, notice.GpcAsync, endpoints.ServiceProvider);
            endpoints.DataSources.Add(statement);
            gpc = statement.WithDisplayName("ConsentKit GPC support").WithName(ConsentKitEndpointNames.Gpc);
        }

        return new ExternalTransmissionEndpointConventionBuilder(
            new CompositeConventionBuilder([noticePage, noticeJson]), choicesEndpoint, assets, reportEndpoints, gpc);
    }
}

/// <summary>
/// What <see cref="ExternalTransmissionEndpointRouteBuilderExtensions.MapExternalTransmissionNotice"/> returns: a
/// convention builder for all of ConsentKit's endpoints, and one for each group of them, so that a site can, for
/// example, rate-limit the choices endpoint alone or cache the notice page alone.
/// </summary>
public sealed class ExternalTransmissionEndpointConventionBuilder : IEndpointConventionBuilder
{
    private readonly IEndpointConventionBuilder[] _all;

    internal ExternalTransmissionEndpointConventionBuilder(
        IEndpointConventionBuilder notice, IEndpointConventionBuilder choices, IEndpointConventionBuilder assets,
        IEndpointConventionBuilder reports, IEndpointConventionBuilder gpc)
    {
        Notice = notice;
        Choices = choices;
        Assets = assets;
        Reports = reports;
        Gpc = gpc;
        _all = [notice, choices, assets, reports, gpc];
    }

    /// <summary>The notice page and its JSON (<c>GET {NoticePath}</c>, <c>GET {NoticePath}.json</c>).</summary>
    public IEndpointConventionBuilder Notice { get; }

    /// <summary>The choices endpoint (<c>POST {NoticePath}/choices</c>).</summary>
    public IEndpointConventionBuilder Choices { get; }

    /// <summary>The client script and stylesheet (<c>GET {NoticePath}/assets/{file}</c>).</summary>
    public IEndpointConventionBuilder Assets { get; }

    /// <summary>The CSP report endpoint and, in Development, the violations page.</summary>
    public IEndpointConventionBuilder Reports { get; }

    /// <summary>The Global Privacy Control statement (<c>GET /.well-known/gpc.json</c>); no endpoint when GPC is ignored.</summary>
    public IEndpointConventionBuilder Gpc { get; }

    /// <inheritdoc />
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in _all)
        {
            builder.Add(convention);
        }
    }

    /// <inheritdoc />
    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in _all)
        {
            builder.Finally(finallyConvention);
        }
    }
}

/// <summary>Applies each convention to several builders.</summary>
internal sealed class CompositeConventionBuilder(IEndpointConventionBuilder[] builders) : IEndpointConventionBuilder
{
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders)
        {
            builder.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in builders)
        {
            builder.Finally(finallyConvention);
        }
    }
}
