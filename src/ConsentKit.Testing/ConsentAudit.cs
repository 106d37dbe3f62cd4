using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsentKit.Testing;

/// <summary>
/// Checks a ConsentKit site from its own test suite. Visits the given paths (and local links up to a depth) as a
/// first-time visitor, after accept-all, after reject-all and with GPC, and checks every HTML page: (a) every external
/// resource belongs to a declared module; (b) no module is emitted runnable in a state that does not allow it; (c) a
/// page that emits a module links to the notice. With xunit and WebApplicationFactory:
/// <code>await ConsentAudit.AssertCompliantAsync(factory);</code>
/// </summary>
public static class ConsentAudit
{
    /// <summary>Visits <c>/</c> and its local links as all four visitors and checks; throws <see cref="ConsentAuditException"/> listing every finding.</summary>
    /// <typeparam name="TEntryPoint">The site's entry point, as in the factory.</typeparam>
    /// <param name="factory">The factory of the site under test.</param>
    /// <returns>The report, when there is no finding.</returns>
    public static Task<ConsentAuditReport> AssertCompliantAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class => AssertCompliantAsync(factory, null);

    /// <summary>Visits the site of a <see cref="WebApplicationFactory{TEntryPoint}"/> and checks; throws <see cref="ConsentAuditException"/> listing every finding.</summary>
    /// <typeparam name="TEntryPoint">The site's entry point, as in the factory.</typeparam>
    /// <param name="factory">The factory of the site under test; each visitor gets a client of its own (its own cookies).</param>
    /// <param name="options">What to visit; default: <c>/</c> and its local links, all four visitors.</param>
    /// <returns>The report, when there is no finding.</returns>
    public static Task<ConsentAuditReport> AssertCompliantAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, ConsentAuditOptions? options)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return AssertCompliantAsync(factory.Services, () => factory.CreateClient(), options);
    }

    /// <summary>Visits the site of a <see cref="WebApplicationFactory{TEntryPoint}"/> and checks; returns every finding without throwing.</summary>
    /// <typeparam name="TEntryPoint">The site's entry point, as in the factory.</typeparam>
    /// <param name="factory">The factory of the site under test.</param>
    /// <param name="options">What to visit.</param>
    /// <returns>The pages visited and the findings.</returns>
    public static Task<ConsentAuditReport> RunAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, ConsentAuditOptions? options)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return RunAsync(factory.Services, () => factory.CreateClient(), options);
    }

    /// <summary>Visits and checks; throws <see cref="ConsentAuditException"/> listing every finding.</summary>
    /// <param name="services">The application's services (<c>factory.Services</c>): the declarations are read from them.</param>
    /// <param name="createClient">Creates a client with its own cookies (<c>() =&gt; factory.CreateClient()</c>).</param>
    /// <param name="options">What to visit; <see langword="null"/>: <c>/</c> and its local links, all four visitors.</param>
    /// <returns>The report, when there is no finding.</returns>
    public static async Task<ConsentAuditReport> AssertCompliantAsync(IServiceProvider services, Func<HttpClient> createClient, ConsentAuditOptions? options)
    {
        var report = await RunAsync(services, createClient, options);
        if (report.PagesVisited.Count == 0)
        {
            throw new InvalidOperationException("ConsentKit audit: no HTML page answered; check ConsentAuditOptions.Paths.");
        }

        return report.Findings.Count == 0 ? report : throw new ConsentAuditException(report);
    }

    /// <summary>Visits and checks; returns every finding without throwing.</summary>
    /// <param name="services">The application's services: the declarations are read from them.</param>
    /// <param name="createClient">Creates a client with its own cookies.</param>
    /// <param name="options">What to visit.</param>
    /// <returns>The pages visited and the findings.</returns>
    public static async Task<ConsentAuditReport> RunAsync(IServiceProvider services, Func<HttpClient> createClient, ConsentAuditOptions? options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(createClient);
        options ??= new ConsentAuditOptions();
        var declarations = services.GetRequiredService<IOptions<ExternalTransmissionOptions>>().Value;
        var noticePath = MappedNoticePath(services, declarations);
        var visited = new List<string>();
        var findings = new List<ConsentAuditFinding>();
        foreach (var scenario in options.Scenarios)
        {
            using var client = createClient();
            await PrepareAsync(client, scenario, noticePath);
            var queue = new Queue<(string Path, int Depth)>(options.Paths.Select(p => (p, 0)));
            var seen = new HashSet<string>(options.Paths, StringComparer.Ordinal);
            while (queue.Count > 0 && seen.Count <= options.MaxPages + options.Paths.Count)
            {
                var (path, depth) = queue.Dequeue();
                using var response = await client.GetAsync(path);
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                var html = await response.Content.ReadAsStringAsync();
                visited.Add(scenario + " " + path);
                findings.AddRange(PageCheck.Check(html, scenario, path, declarations, options, noticePath));
                if (depth < options.LinkDepth)
                {
                    foreach (var link in LocalLinks(html, noticePath).Where(seen.Add).Take(options.MaxPages))
                    {
                        queue.Enqueue((link, depth + 1));
                    }
                }
            }
        }

        return new ConsentAuditReport(visited, findings);
    }

    /// <summary>
    /// Where the notice is actually served: generated from its endpoint name, so a <c>MapGroup("/legal")</c> prefix is
    /// followed; the declared path when the endpoints are not mapped (the audit then reports what it finds there).
    /// </summary>
    private static string MappedNoticePath(IServiceProvider services, ExternalTransmissionOptions declarations) =>
        services.GetService<LinkGenerator>()?.GetPathByName(ConsentKitEndpointNames.Notice, values: null) is { Length: > 0 } mapped
            ? mapped
            : declarations.NoticePath;

    private static async Task PrepareAsync(HttpClient client, VisitorScenario scenario, string noticePath)
    {
        if (scenario == VisitorScenario.GlobalPrivacyControl)
        {
            client.DefaultRequestHeaders.Add("Sec-GPC", "1");
            return;
        }

        if (scenario is not (VisitorScenario.AcceptAll or VisitorScenario.RejectAll))
        {
            return;
        }

        var origin = client.BaseAddress is { } b ? b.GetLeftPart(UriPartial.Authority) : "http://localhost";
        using var request = new HttpRequestMessage(HttpMethod.Post, noticePath.TrimEnd('/') + "/choices")
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["action"] = scenario == VisitorScenario.AcceptAll ? "accept-all" : "reject-all" }),
        };
        request.Headers.Add("Origin", origin);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ConsentKit audit: recording {scenario} failed with {(int)response.StatusCode}. Is MapExternalTransmissionNotice() called?");
        }
    }

    /// <summary>Same-site links (<c>href="/…"</c>), without fragments; ConsentKit's own endpoints below the notice are left out.</summary>
    private static IEnumerable<string> LocalLinks(string html, string noticePath)
    {
        foreach (var link in PageCheck.Hrefs(html))
        {
            var href = link.Split('#')[0];
            if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith(noticePath.TrimEnd('/') + "/", StringComparison.Ordinal))
            {
                yield return href;
            }
        }
    }
}
