namespace ConsentKit;

/// <summary>Whether a module may make the visitor's browser send right now. The default value is <see cref="Pending"/>: never allowed.</summary>
public enum TransmissionStatus
{
    /// <summary>Not yet decided: a Consent module with no decision, or a Notice module whose notice has not been shown. Not sent.</summary>
    Pending = 0,

    /// <summary>May send.</summary>
    Allowed = 1,

    /// <summary>The visitor declined or withdrew consent. Not sent.</summary>
    Denied = 2,

    /// <summary>The visitor, or the browser's Global Privacy Control signal, asked to stop. Not sent.</summary>
    OptedOut = 3,

    /// <summary>Exempt information (Act 27-12 (i), (ii)). May send.</summary>
    Exempt = 4,
}

/// <summary>A module's id with its status for this request.</summary>
/// <param name="ModuleId">The module id.</param>
/// <param name="Status">The status.</param>
public readonly record struct ModuleState(string ModuleId, TransmissionStatus Status)
{
    /// <summary>Whether the module may send.</summary>
    public bool IsAllowed => Status is TransmissionStatus.Allowed or TransmissionStatus.Exempt;
}

/// <summary>Extensions on <see cref="TransmissionStatus"/>.</summary>
public static class TransmissionStatusExtensions
{
    /// <summary>Whether a module with this status may send.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for <see cref="TransmissionStatus.Allowed"/> and <see cref="TransmissionStatus.Exempt"/>.</returns>
    public static bool IsAllowed(this TransmissionStatus status) => status is TransmissionStatus.Allowed or TransmissionStatus.Exempt;
}
