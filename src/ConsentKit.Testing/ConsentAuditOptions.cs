namespace ConsentKit.Testing;

/// <summary>The visitor a page is fetched as.</summary>
public enum VisitorScenario
{
    /// <summary>A first-time visitor: no record, no privacy signal.</summary>
    FirstVisit,

    /// <summary>A visitor who chose accept-all.</summary>
    AcceptAll,

    /// <summary>A visitor who chose reject-all.</summary>
    RejectAll,

    /// <summary>A first-time visitor whose browser sends Global Privacy Control (<c>Sec-GPC: 1</c>).</summary>
    GlobalPrivacyControl,
}

/// <summary>What <see cref="ConsentAudit"/> visits and how.</summary>
public sealed class ConsentAuditOptions
{
    /// <summary>The paths to start from. Default <c>/</c>.</summary>
    public IList<string> Paths { get; } = new List<string> { "/" };

    /// <summary>How many steps of local links to follow from <see cref="Paths"/>. Default 1; 0 visits only the paths.</summary>
    public int LinkDepth { get; set; } = 1;

    /// <summary>At most this many pages per scenario. Default 50.</summary>
    public int MaxPages { get; set; } = 50;

    /// <summary>The visitors. Default: all four scenarios.</summary>
    public IList<VisitorScenario> Scenarios { get; } = new List<VisitorScenario>(Enum.GetValues<VisitorScenario>());

    /// <summary>More hosts that are not transmissions, such as the test server's own (<c>localhost</c> is always accepted).</summary>
    public IList<string> AlsoAllowedHosts { get; } = new List<string> { "localhost" };
}
