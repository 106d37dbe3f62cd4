namespace ConsentKit.Testing;

/// <summary>The three things <see cref="ConsentAudit"/> checks on every page.</summary>
public enum ConsentAuditRule
{
    /// <summary>(a) Every external resource in the HTML belongs to a declared module (R34).</summary>
    UndeclaredResource,

    /// <summary>(b) No module is emitted runnable in a state that does not allow it (consent, opt-out, GPC).</summary>
    RunnableWithoutPermission,

    /// <summary>(c) Every page that emits a module links to the notice (R11).</summary>
    MissingNoticeLink,
}

/// <summary>One problem on one page for one visitor.</summary>
/// <param name="Scenario">The visitor.</param>
/// <param name="Path">The page.</param>
/// <param name="Rule">The rule broken.</param>
/// <param name="Message">What is wrong and what to do, in English.</param>
public sealed record ConsentAuditFinding(VisitorScenario Scenario, string Path, ConsentAuditRule Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"[{Scenario}] {Path}: {Rule}: {Message}";
}

/// <summary>What <see cref="ConsentAudit"/> visited and found.</summary>
/// <param name="PagesVisited">Each scenario's pages, as <c>Scenario path</c>.</param>
/// <param name="Findings">Every problem found.</param>
public sealed record ConsentAuditReport(IReadOnlyList<string> PagesVisited, IReadOnlyList<ConsentAuditFinding> Findings);

/// <summary>Thrown by <see cref="ConsentAudit.AssertCompliantAsync"/>: the message lists every finding, one a line.</summary>
public sealed class ConsentAuditException : Exception
{
    /// <summary>Creates the exception for a report with findings.</summary>
    /// <param name="report">The report.</param>
    public ConsentAuditException(ConsentAuditReport report)
        : base(Describe(report ?? throw new ArgumentNullException(nameof(report)))) => Report = report;

    /// <summary>The report, for a test that wants to inspect it.</summary>
    public ConsentAuditReport Report { get; }

    private static string Describe(ConsentAuditReport report) =>
        $"ConsentKit audit: {report.Findings.Count} problem(s) on {report.PagesVisited.Count} page visit(s):\n" +
        string.Join('\n', report.Findings.Select(f => "  " + f));
}
