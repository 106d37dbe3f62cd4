namespace ConsentKit;

/// <summary>What the visitor did.</summary>
public enum ConsentAction
{
    /// <summary>「同意する」: grants every Consent module, keeps every OptOut module on, and acknowledges every notice.</summary>
    AcceptAll = 1,

    /// <summary>「同意しない」: denies every Consent module and opts out of every OptOut module.</summary>
    RejectAll = 2,

    /// <summary>Grants consent for the given Consent modules.</summary>
    Grant = 3,

    /// <summary>Declines consent for the given Consent modules.</summary>
    Deny = 4,

    /// <summary>Withdraws consent for the given Consent modules, or for all when none are given (R25).</summary>
    Withdraw = 5,

    /// <summary>Opts out of the given OptOut modules, or all when none are given.</summary>
    OptOut = 6,

    /// <summary>Opts back in to the given OptOut modules, or all when none are given.</summary>
    OptIn = 7,

    /// <summary>Saves the settings panel: the modules shown are allowed if listed in <see cref="ConsentChange.Allowed"/>, otherwise denied or opted out.</summary>
    Save = 8,

    /// <summary>Records that the notice for every Notice module was displayed.</summary>
    AcknowledgeNotice = 9,
}

/// <summary>Where a decision was made. Part of every consent record.</summary>
public enum ConsentSource
{
    /// <summary>The banner.</summary>
    Banner = 1,

    /// <summary>The controls on the notice page.</summary>
    NoticePage = 2,

    /// <summary>Application code or a JSON call to the choices endpoint.</summary>
    Api = 3,

    /// <summary>The browser's Global Privacy Control signal.</summary>
    Gpc = 4,
}

/// <summary>A change to the visitor's choices.</summary>
public sealed class ConsentChange
{
    /// <summary>What the visitor did.</summary>
    public required ConsentAction Action { get; init; }

    /// <summary>The modules concerned; <see langword="null"/> means every module the action applies to.
    /// For <see cref="ConsentAction.Save"/>, the modules the settings panel showed.</summary>
    public IReadOnlyCollection<string>? Modules { get; init; }

    /// <summary>For <see cref="ConsentAction.Save"/>: the modules the visitor left switched on.</summary>
    public IReadOnlyCollection<string>? Allowed { get; init; }

    /// <summary>Where the decision was made.</summary>
    public ConsentSource Source { get; init; } = ConsentSource.Api;

    /// <summary>The language of the notice the visitor saw; selects the notice hash in the record.</summary>
    public NoticeLanguage Language { get; init; } = NoticeLanguage.Japanese;
}

/// <summary>The outcome of <see cref="IExternalTransmissionFeature.ApplyAsync"/>.</summary>
public sealed class ConsentChangeResult
{
    internal ConsentChangeResult(ConsentRecord? record, bool persisted, IReadOnlyList<string> unknownModules)
    {
        Record = record;
        Persisted = persisted;
        UnknownModules = unknownModules;
    }

    /// <summary>The proof of the decision, or <see langword="null"/> when nothing changed.</summary>
    public ConsentRecord? Record { get; }

    /// <summary>Whether the record cookie was written. <see langword="false"/> when the response had already started:
    /// the decision holds for this request only and the visitor is asked again.</summary>
    public bool Persisted { get; }

    /// <summary>Module ids in the change that are not declared, or that the action does not apply to. They were ignored.</summary>
    public IReadOnlyList<string> UnknownModules { get; }
}
