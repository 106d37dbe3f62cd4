namespace ConsentKit;

/// <summary>The kinds of request each declared host receives, for the Content Security Policy.</summary>
public sealed partial class ModuleDeclaration
{
    /// <summary>
    /// Hosts narrowed to some kinds of request, for example a pixel host that only receives images. A host not listed
    /// here receives every kind. Configuration: <c>ConsentKit:Modules:{id}:HostKinds:{host}</c> = <c>"Script, Connect"</c>.
    /// </summary>
    public IDictionary<string, ResourceKinds> HostKinds { get; } = new Dictionary<string, ResourceKinds>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds a host the module contacts only for the given kinds of request.</summary>
    /// <param name="host">The host name.</param>
    /// <param name="kinds">What it receives, for example <c>ResourceKinds.Script | ResourceKinds.Connect</c>.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration ContactsHost(string host, ResourceKinds kinds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (!Hosts.Contains(host))
        {
            Hosts.Add(host);
        }

        HostKinds[host] = kinds;
        return this;
    }

    /// <summary>The kinds of request <paramref name="host"/> (as declared) receives.</summary>
    internal ResourceKinds KindsOf(string host) => HostKinds.TryGetValue(host, out var kinds) ? kinds : ResourceKinds.All;
}
