namespace ConsentKit;

/// <summary>
/// This response's Content Security Policy as ConsentKit derives it: <c>'self'</c>, the operator's own hosts, the hosts
/// of the modules this visitor allows, is asked about or that are exempt, and the hashes of the inline scripts
/// ConsentKit emitted or gated on this page (plus the site's nonce, when it has one). Hosts no module declares and the
/// hosts of denied or opted-out modules are absent. Read it when the response starts, after the page has rendered,
/// with <c>HttpContext.GetContentSecurityPolicy()</c>, to merge it into a policy of the site's own.
/// </summary>
public sealed class ExternalTransmissionPolicy
{
    private readonly PolicyVector _vector;

    internal ExternalTransmissionPolicy(PolicyVector vector, IReadOnlyList<string> scriptHashes, string? nonce, string reportPath)
    {
        _vector = vector;
        ScriptHashes = scriptHashes;
        Nonce = nonce;
        ReportPath = reportPath;
    }

    /// <summary>The <c>'sha256-…'</c> sources of the inline scripts ConsentKit emitted or gated on this page.</summary>
    public IReadOnlyList<string> ScriptHashes { get; }

    /// <summary>The site's nonce for this request (<see cref="ExternalTransmissionOptions.CspNonce"/>), if any.</summary>
    public string? Nonce { get; }

    /// <summary>
    /// The path of ConsentKit's report endpoint, in <c>report-uri</c>. It also accepts the Reporting API's
    /// <c>application/reports+json</c>, for a site that names it in its own <c>Reporting-Endpoints</c> header.
    /// </summary>
    public string ReportPath { get; }

    /// <summary>The whole policy, as ConsentKit writes it in the header.</summary>
    public string Header
    {
        get
        {
            var extra = ScriptHashes.Count switch
            {
                0 => "",
                1 => " " + ScriptHashes[0],
                _ => " " + string.Join(' ', ScriptHashes),
            };

            // A nonce is new on every request: such headers are not kept.
            return Nonce is null
                ? _vector.Header(extra, ReportPath, cache: true)
                : _vector.Header(extra + " 'nonce-" + Nonce + "'", ReportPath, cache: false);
        }
    }

    /// <summary>The sources of one directive: <c>'self'</c>, hosts and, for scripts, the hashes and the nonce.</summary>
    /// <param name="kind">Exactly one kind, for example <see cref="ResourceKinds.Script"/> for <c>script-src</c>.</param>
    /// <returns>The sources, in the order they appear in <see cref="Header"/>.</returns>
    public IReadOnlyList<string> SourcesOf(ResourceKinds kind)
    {
        var index = Array.FindIndex(PolicyTable.Directives, d => d.Kind == kind);
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Name exactly one kind of request.");
        }

        var sources = _vector.Sources[index];
        if (kind != ResourceKinds.Script)
        {
            return sources;
        }

        return [.. sources, .. ScriptHashes, .. Nonce is null ? [] : new[] { "'nonce-" + Nonce + "'" }];
    }
}
