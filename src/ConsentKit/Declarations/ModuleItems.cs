namespace ConsentKit;

/// <summary>The person or entity that handles the information at the destination (Ordinance 22-2-29 (ii)).</summary>
public sealed class RecipientDeclaration
{
    /// <summary>Legal name (氏名又は名称), for example <c>Google LLC</c>. Required.</summary>
    public string? Name { get; set; }

    /// <summary>Legal name in English, when it differs.</summary>
    public string? NameEn { get; set; }

    /// <summary>Better-known service name in Japanese, shown beside the legal name.</summary>
    public string? Service { get; set; }

    /// <summary>Service name in English.</summary>
    public string? ServiceEn { get; set; }

    /// <summary>The recipient's privacy policy. A supplement, never a substitute for the items.</summary>
    public string? PrivacyPolicyUrl { get; set; }
}

/// <summary>Both purposes of use (Ordinance 22-2-29 (iii)). Both are required.</summary>
public sealed class PurposeDeclaration
{
    /// <summary>Why the site sends the information, in Japanese.</summary>
    public string? Operator { get; set; }

    /// <summary>The site's purpose in English.</summary>
    public string? OperatorEn { get; set; }

    /// <summary>What the recipient uses the information for, in Japanese.</summary>
    public string? Recipient { get; set; }

    /// <summary>The recipient's purpose in English.</summary>
    public string? RecipientEn { get; set; }
}

/// <summary>The opt-out items that must be made easily knowable (Ordinance 22-2-31).</summary>
public sealed class OptOutDeclaration
{
    /// <summary>Whether opting out stops the sending or the use (Ordinance 22-2-31 (ii)). Required.</summary>
    public OptOutScope? Stops { get; set; }

    /// <summary>
    /// How opt-out requests are accepted (Ordinance 22-2-31 (iii)). When empty, ConsentKit describes its own
    /// controls on the notice page and in the banner, which do stop the sending.
    /// </summary>
    public string? Method { get; set; }

    /// <summary>The method in English.</summary>
    public string? MethodEn { get; set; }

    /// <summary>Where the visitor opts out when that is not the notice page, for example the recipient's opt-out page.</summary>
    public string? Url { get; set; }

    /// <summary>What the visitor can no longer use after opting out, or 「なし」 (Ordinance 22-2-31 (iv)). Required.</summary>
    public string? Limitations { get; set; }

    /// <summary>The limitations in English.</summary>
    public string? LimitationsEn { get; set; }
}

/// <summary>Why a module needs no measure (Act 27-12 (i) and (ii); Ordinance 22-2-30).</summary>
public sealed class ExemptionDeclaration
{
    /// <summary>The legal basis. Required.</summary>
    public ExemptionBasis? Basis { get; set; }

    /// <summary>Why the information is needed, in Japanese. Required.</summary>
    public string? Reason { get; set; }

    /// <summary>The reason in English.</summary>
    public string? ReasonEn { get; set; }
}
