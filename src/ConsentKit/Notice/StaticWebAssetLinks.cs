using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
#endif

namespace ConsentKit;

/// <summary>A client asset's URL as written into a page, with its Subresource Integrity value when the platform supplies one.</summary>
internal readonly record struct AssetLink(string Url, string? Integrity);

/// <summary>
/// ConsentKit's client files as the platform serves them: the static web assets <c>_content/ConsentKit/consentkit.js</c>
/// and <c>.css</c>, which <c>MapStaticAssets</c> (.NET 9+) serves fingerprinted, compressed and with an integrity value.
/// A page endpoint mapped with <c>WithStaticAssets</c> carries the app's <c>ResourceAssetCollection</c>, as ASP.NET
/// Core's own script and link tag helpers read it. Without one (.NET 8, or no <c>MapStaticAssets</c>) there is nothing
/// to find, and the caller keeps ConsentKit's own asset endpoint, quietly: that is a supported setup, not a failure.
/// </summary>
internal sealed class StaticWebAssetLinks
{
    /// <summary>Where an app serves this library's static web assets (the SDK's <c>_content/{PackageId}/</c>).</summary>
    internal const string BasePath = "_content/ConsentKit/";

    internal const string ScriptFile = "consentkit.js";

    internal const string StylesheetFile = "consentkit.css";

#if NET9_0_OR_GREATER
    private readonly ILogger _logger;
    private int _missingLogged;
    private int _uncompressedLogged;

    // One app usually has one collection (one manifest) shared by every endpoint; looked up once per collection.
    private readonly ConditionalWeakTable<ResourceAssetCollection, Found> _found = new();

    private readonly IServiceProvider? _services;

    public StaticWebAssetLinks(ILogger<StaticWebAssetLinks>? logger = null, IServiceProvider? services = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _services = services;
    }

    /// <summary>The script's link from the current endpoint's asset collection, or <see langword="null"/> for the fallback.</summary>
    public AssetLink? Script(HttpContext http) => Find(http)?.Script is { } a ? Under(http.Request, a) : null;

    /// <summary>The stylesheet's link from the current endpoint's asset collection, or <see langword="null"/> for the fallback.</summary>
    public AssetLink? Stylesheet(HttpContext http) => Find(http)?.Stylesheet is { } a ? Under(http.Request, a) : null;

    private Found? Find(HttpContext http)
    {
        var collection = http.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>();
        if (collection is null)
        {
            return null;
        }

        if (!_found.TryGetValue(collection, out var found))
        {
            // Without a lambda on the hot path: a miss happens once per collection.
            found = Read(collection, http.RequestServices ?? _services);
            _found.AddOrUpdate(collection, found);
        }

        if (found.Script is null || found.Stylesheet is null)
        {
            // The site uses MapStaticAssets, yet its manifest lacks ConsentKit's files: the pages still work through
            // ConsentKit's own endpoint, but without what the site asked the platform for. Said once.
            if (Interlocked.Exchange(ref _missingLogged, 1) == 0)
            {
                Log.StaticAssetsMissing(_logger, BasePath + ScriptFile, BasePath + StylesheetFile);
            }

            return null;
        }

        if (found.Uncompressed is { } url)
        {
            // Fingerprinted but sent raw (about 8.5 KB of script instead of under 3 KB): ConsentKit's own endpoint is
            // fingerprinted, immutable and compressed, so it is the better link. Said once.
            if (Interlocked.Exchange(ref _uncompressedLogged, 1) == 0)
            {
                Log.StaticAssetsUncompressed(_logger, url);
            }

            return null;
        }

        return found;
    }

    private static Found Read(ResourceAssetCollection collection, IServiceProvider? services)
    {
        string? script = null, stylesheet = null;
        var integrity = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var asset in collection)
        {
            // The fingerprinted entry carries the plain name as its label; its URL changes with its bytes.
            var label = asset.Properties?.FirstOrDefault(p => p.Name == "label")?.Value;
            if (label is null || string.Equals(asset.Url, label, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (asset.Properties?.FirstOrDefault(p => p.Name == "integrity")?.Value is { } value)
            {
                integrity[asset.Url] = value;
            }

            if (string.Equals(label, BasePath + ScriptFile, StringComparison.OrdinalIgnoreCase))
            {
                script = asset.Url;
            }
            else if (string.Equals(label, BasePath + StylesheetFile, StringComparison.OrdinalIgnoreCase))
            {
                stylesheet = asset.Url;
            }
        }

        // The collection from MapStaticAssets names URLs only; the integrity value is on the asset's own endpoint (its
        // uncompressed variant), and the compressed variants are endpoints of the same route with a Content-Encoding
        // selector. Without an integrity value the fingerprinted URL is still written, without integrity.
        var (fromEndpoints, compressed) = Endpoints(services, script, stylesheet);
        if (integrity.Count == 0)
        {
            integrity = fromEndpoints;
        }

        // Only known when the endpoints could be read (the app's own EndpointDataSource).
        var uncompressed = fromEndpoints.Count == 0 ? null
            : script is not null && !compressed.Contains(script) ? script
            : stylesheet is not null && !compressed.Contains(stylesheet) ? stylesheet
            : null;
        return new Found(
            script is null ? null : new AssetLink(script, integrity.GetValueOrDefault(script)),
            stylesheet is null ? null : new AssetLink(stylesheet, integrity.GetValueOrDefault(stylesheet)),
            uncompressed);
    }

    private static (Dictionary<string, string> Integrity, HashSet<string> Compressed) Endpoints(IServiceProvider? services, params string?[] urls)
    {
        var wanted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var compressed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (services?.GetService<EndpointDataSource>() is not { } endpoints)
        {
            return (wanted, compressed);
        }

        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not { } descriptor
                || !urls.Contains(descriptor.Route.TrimStart('/'), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var route = descriptor.Route.TrimStart('/');
            if (descriptor.Selectors.Count == 0)
            {
                if (descriptor.Properties.FirstOrDefault(p => p.Name == "integrity")?.Value is { } value)
                {
                    wanted[route] = value;
                }
            }
            else if (descriptor.Selectors.Any(s => string.Equals(s.Name, "Content-Encoding", StringComparison.OrdinalIgnoreCase)))
            {
                compressed.Add(route);
            }
        }

        return (wanted, compressed);
    }

    /// <summary>Asset URLs in the collection are relative to the app's root: under this request's <c>PathBase</c>.</summary>
    private static AssetLink Under(HttpRequest request, AssetLink asset) =>
        asset with { Url = request.PathBase + "/" + asset.Url.TrimStart('/') };

    /// <param name="Script">The script's fingerprinted link.</param>
    /// <param name="Stylesheet">The stylesheet's fingerprinted link.</param>
    /// <param name="Uncompressed">A fingerprinted URL the platform serves without a compressed variant, if any.</param>
    private sealed record Found(AssetLink? Script, AssetLink? Stylesheet, string? Uncompressed = null);
#else
    public StaticWebAssetLinks(ILogger<StaticWebAssetLinks>? logger = null, IServiceProvider? services = null)
    {
        _ = (logger, services);
    }

    /// <summary>.NET 8 has no asset collection: always the fallback.</summary>
    public AssetLink? Script(HttpContext http) => null;

    /// <summary>.NET 8 has no asset collection: always the fallback.</summary>
    public AssetLink? Stylesheet(HttpContext http) => null;
#endif
}
