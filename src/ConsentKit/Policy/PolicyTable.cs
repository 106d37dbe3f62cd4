using System.Collections.Concurrent;

namespace ConsentKit;

/// <summary>
/// The policy's sources, precomputed once per decision vector: which of the modules a visitor can stop are in (allowed
/// or pending) and which are out (denied or opted out). Exempt, Publication and Notice modules are always in; a host no
/// module declares never is. Per request only the vector is read and the page's script hashes are added.
/// </summary>
internal sealed class PolicyTable
{
    /// <summary>The directives ConsentKit derives, each with the kind of request it governs and the sources every page gets.</summary>
    internal static readonly (string Name, ResourceKinds Kind, string Base)[] Directives =
    [
        ("script-src", ResourceKinds.Script, "'self'"),
        ("connect-src", ResourceKinds.Connect, "'self'"),
        ("img-src", ResourceKinds.Image, "'self' data:"),
        ("frame-src", ResourceKinds.Frame, "'self'"),
        ("style-src", ResourceKinds.Style, "'self'"),
        ("font-src", ResourceKinds.Font, "'self'"),
    ];

    /// <summary>Fixed directives: no plugins, no base-URL hijacking, forms only to this site.</summary>
    internal const string Fixed = "; object-src 'none'; base-uri 'self'; form-action 'self'";

    private const int Capacity = 4096;

    private readonly TransmissionCatalog _catalog;
    private readonly ModuleDescriptor[] _variable;
    private readonly ConcurrentDictionary<ulong, PolicyVector> _byVector = new();

    public PolicyTable(TransmissionCatalog catalog)
    {
        _catalog = catalog;
        _variable = catalog.Modules.Where(m => m.IsChoosable && m.Hosts.Count > 0).ToArray();
    }

    /// <summary>Whether a module in this state may appear in the policy. Pending stays in so that activation in place works: its tags are inert until accepted.</summary>
    internal static bool Included(TransmissionStatus status) => status is TransmissionStatus.Allowed or TransmissionStatus.Exempt or TransmissionStatus.Pending;

    public PolicyVector For(ExternalTransmissionFeature feature)
    {
        if (_variable.Length > 64)
        {
            // More stoppable modules than a 64-bit key holds: built each time (a site this large pays a few microseconds).
            return Build(m => !_variable.Contains(m) || Included(feature.StatusOf(m)));
        }

        ulong key = 0;
        for (var i = 0; i < _variable.Length; i++)
        {
            if (Included(feature.StatusOf(_variable[i])))
            {
                key |= 1UL << i;
            }
        }

        if (_byVector.TryGetValue(key, out var vector))
        {
            return vector;
        }

        if (_byVector.Count >= Capacity)
        {
            _byVector.Clear();
        }

        var included = new HashSet<ModuleDescriptor>(_variable.Where((_, i) => (key & (1UL << i)) != 0));
        return _byVector[key] = Build(m => !m.IsChoosable || m.Hosts.Count == 0 || included.Contains(m));
    }

    private PolicyVector Build(Func<ModuleDescriptor, bool> includes)
    {
        var sources = new string[Directives.Length][];
        for (var d = 0; d < Directives.Length; d++)
        {
            var list = new List<string>(Directives[d].Base.Split(' '));
            foreach (var host in _catalog.FirstPartyHosts)
            {
                Add(list, host);
            }

            foreach (var module in _catalog.Modules)
            {
                if (!includes(module))
                {
                    continue;
                }

                for (var h = 0; h < module.Hosts.Count; h++)
                {
                    if ((module.HostKinds[h] & Directives[d].Kind) != 0)
                    {
                        Add(list, module.Hosts[h]);
                    }
                }
            }

            sources[d] = [.. list];
        }

        var prefix = "default-src 'self'; " + Directives[0].Name + " " + string.Join(' ', sources[0]);
        var suffix = string.Concat(Directives.Skip(1).Select((d, i) => "; " + d.Name + " " + string.Join(' ', sources[i + 1]))) + Fixed;
        return new PolicyVector(prefix, suffix, sources);
    }

    private static void Add(List<string> list, string host)
    {
        if (!list.Contains(host))
        {
            list.Add(host);
        }
    }
}

/// <summary>
/// One decision vector's policy: the text before and after the page's script hashes, the sources per directive, and
/// the whole headers already built for the sets of hashes seen (pages repeat them), so a request usually allocates none.
/// </summary>
/// <param name="prefix">From <c>default-src</c> to the last host of <c>script-src</c>.</param>
/// <param name="suffix">From the end of <c>script-src</c> to the fixed directives.</param>
/// <param name="sources">The sources of each of <see cref="PolicyTable.Directives"/>.</param>
internal sealed class PolicyVector(string prefix, string suffix, string[][] sources)
{
    private const int HeaderCapacity = 256;
    private readonly ConcurrentDictionary<string, (string ReportPath, string Header)> _headers = new(StringComparer.Ordinal);

    public string[][] Sources { get; } = sources;

    /// <summary>The header with <paramref name="extra"/> (the page's hashes and nonce, each after a space) in <c>script-src</c>.</summary>
    public string Header(string extra, string reportPath, bool cache)
    {
        if (cache && _headers.TryGetValue(extra, out var built) && ReferenceEquals(built.ReportPath, reportPath))
        {
            return built.Header;
        }

        var header = string.Concat(prefix, extra, suffix, "; report-uri ", reportPath);
        if (cache)
        {
            if (_headers.Count >= HeaderCapacity)
            {
                _headers.Clear();
            }

            _headers[extra] = (reportPath, header);
        }

        return header;
    }
}
