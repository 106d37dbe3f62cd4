using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace ConsentKit;

/// <summary>
/// One endpoint that stays at the origin's root whatever group it is mapped in. A well-known URI (RFC 8615) such as
/// <c>/.well-known/gpc.json</c> is defined at the root, so <c>MapGroup("/legal")</c> must not move it to
/// <c>/legal/.well-known/gpc.json</c>, where no agent looks. The group's prefix is left out; the group's conventions
/// (authorization, rate limits, caching) still apply, before the endpoint's own, as for any endpoint in a group.
/// </summary>
internal sealed class RootEndpointDataSource : EndpointDataSource, IEndpointConventionBuilder
{
    private readonly RoutePattern _pattern;
    private readonly RequestDelegate _handler;
    private readonly string[] _methods;
    private readonly IServiceProvider _services;
    private readonly List<Action<EndpointBuilder>> _conventions = [];
    private readonly List<Action<EndpointBuilder>> _finallyConventions = [];
    private Endpoint[]? _endpoints;

    public RootEndpointDataSource(string pattern, string[] methods, RequestDelegate handler, IServiceProvider services)
    {
        _pattern = RoutePatternFactory.Parse(pattern);
        _methods = methods;
        _handler = handler;
        _services = services;
    }

    /// <summary>Mapped outside any group.</summary>
    public override IReadOnlyList<Endpoint> Endpoints => _endpoints ??= [Build(null)];

    /// <summary>Mapped inside a group: the group's conventions apply, its prefix does not.</summary>
    public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => [Build(context)];

    public override IChangeToken GetChangeToken() => NoChange;

    private static readonly IChangeToken NoChange = new CancellationChangeToken(CancellationToken.None);

    public void Add(Action<EndpointBuilder> convention) => _conventions.Add(convention);

    public void Finally(Action<EndpointBuilder> finallyConvention) => _finallyConventions.Add(finallyConvention);

    private Endpoint Build(RouteGroupContext? group)
    {
        var builder = new RouteEndpointBuilder(_handler, _pattern, order: 0)
        {
            ApplicationServices = group?.ApplicationServices ?? _services,
        };
        builder.Metadata.Add(new HttpMethodMetadata(_methods));
        foreach (var convention in group?.Conventions ?? [])
        {
            convention(builder);
        }

        foreach (var convention in _conventions)
        {
            convention(builder);
        }

        foreach (var convention in _finallyConventions)
        {
            convention(builder);
        }

        foreach (var convention in group?.FinallyConventions ?? [])
        {
            convention(builder);
        }

        return builder.Build();
    }
}
