namespace ConsentKit;

/// <summary>One reason a declaration cannot be used as it is. All problems are reported together at startup.</summary>
public sealed class DeclarationProblem
{
    internal DeclarationProblem(string? moduleId, string itemJa, string itemEn, string problem, string citation)
    {
        ModuleId = moduleId;
        ItemJa = itemJa;
        ItemEn = itemEn;
        Problem = problem;
        Citation = citation;
    }

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
