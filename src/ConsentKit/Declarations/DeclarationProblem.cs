namespace ConsentKit;

/// <summary>How serious a <see cref="DeclarationProblem"/> is.</summary>
public enum DeclarationSeverity
{
    /// <summary>The declaration cannot be used: a required item is missing or empty, Japanese is missing, a URL is unsafe. Stops startup.</summary>
    Error = 0,

    /// <summary>Lawful, but worth improving (for example a catch-all such as 「など」). Logged once at startup; stops it only with
    /// <see cref="ExternalTransmissionOptions.TreatWarningsAsErrors"/>.</summary>
    Warning = 1,
}

/// <summary>One reason a declaration cannot be used as it is, or could be better. All problems are reported together at startup.</summary>
public sealed class DeclarationProblem
{
    internal DeclarationProblem(string? moduleId, string itemJa, string itemEn, string problem, string citation, DeclarationSeverity severity = DeclarationSeverity.Error)
    {
        Severity = severity;
        ModuleId = moduleId;
        ItemJa = itemJa;
        ItemEn = itemEn;
        Problem = problem;
        Citation = citation;
    }

    /// <summary>Whether the problem stops startup (<see cref="DeclarationSeverity.Error"/>) or is logged (<see cref="DeclarationSeverity.Warning"/>).</summary>
    public DeclarationSeverity Severity { get; }

    /// <summary>The module concerned, or <see langword="null"/> for a site-level setting.</summary>
    public string? ModuleId { get; }

    /// <summary>The item, named in Japanese, for example 「利用目的 (送信先)」.</summary>
    public string ItemJa { get; }

    /// <summary>The item, named in English, for example "recipient's purpose of use".</summary>
    public string ItemEn { get; }

    /// <summary>What is wrong, in English, for example "is missing".</summary>
    public string Problem { get; }

    /// <summary>The article or requirement behind the rule, for example "Ordinance 22-2-29 (iii)".</summary>
    public string Citation { get; }

    /// <summary>
    /// One line such as
    /// <c>module 'google-analytics': 利用目的 (送信先) / recipient's purpose of use is missing (Ordinance 22-2-29 (iii))</c>.
    /// </summary>
    /// <returns>The message.</returns>
    public override string ToString()
    {
        var subject = ModuleId is null ? "site" : $"module '{ModuleId}'";
        return $"{subject}: {ItemJa} / {ItemEn} {Problem} ({Citation})";
    }
}
