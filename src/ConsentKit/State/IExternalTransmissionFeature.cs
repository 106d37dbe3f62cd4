namespace ConsentKit;

/// <summary>
/// This request's answer, for every declared module, to "may it send now?". Combines the module's measure, the
/// visitor's protected record and the browser's privacy signal. Resolved lazily, once per request.
/// Get it with <c>HttpContext.GetExternalTransmission()</c>.
/// </summary>
public interface IExternalTransmissionFeature
{
    /// <summary>The module's status.</summary>
    /// <param name="moduleId">A declared module id.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentException">The id is not declared.</exception>
    TransmissionStatus GetStatus(string moduleId);

    /// <summary>Whether the module may send now. <see langword="false"/> for an undeclared id (fail closed).</summary>
    /// <param name="moduleId">A module id.</param>
    /// <returns>Whether it may send.</returns>
    bool IsAllowed(string moduleId);

    /// <summary>Every declared module with its status, in notice order.</summary>
    IReadOnlyList<ModuleState> Modules { get; }

    /// <summary>Whether any module is <see cref="TransmissionStatus.Pending"/>, that is, whether the banner is needed.</summary>
    bool HasPending { get; }

    /// <summary>Whether the request carries <c>Sec-GPC: 1</c>.</summary>
    bool GlobalPrivacyControl { get; }

    /// <summary>The receipt id of the visitor's latest recorded decision, or <see langword="null"/>.</summary>
    string? ReceiptId { get; }

    /// <summary>Records a change, updates this request's statuses at once, and writes the record cookie if the response has not started.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels recording.</param>
    /// <returns>The outcome, with the consent record.</returns>
    Task<ConsentChangeResult> ApplyAsync(ConsentChange change, CancellationToken cancellationToken = default);
}
