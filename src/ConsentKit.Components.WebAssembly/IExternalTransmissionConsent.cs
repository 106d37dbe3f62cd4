namespace ConsentKit.Components.WebAssembly;

/// <summary>
/// "May module X send?" in an Interactive WebAssembly or Auto component, in the browser or in prerendering, and the
/// way to record a choice from such a component. The client-safe counterpart of
/// <c>ConsentKit.Components.IExternalTransmissionConsent</c>: the same answers, from the state the server carried over.
/// Register it in the <c>.Client</c> project with <c>builder.Services.AddExternalTransmissionConsent()</c>; the server's
/// <c>AddRazorComponents()</c> registers it for prerendering.
/// </summary>
public interface IExternalTransmissionConsent
{
    /// <summary>The visitor's state now.</summary>
    ClientConsentState State { get; }

    /// <summary>Raised after a choice (made here, or anywhere on the page) changed the state.</summary>
    event Action<ClientConsentState>? Changed;

    /// <summary>Whether the module may send now; <see langword="false"/> for an undeclared id (fail closed).</summary>
    /// <param name="moduleId">A module id.</param>
    /// <returns>Whether it may send.</returns>
    ValueTask<bool> IsAllowedAsync(string moduleId);

    /// <summary>
    /// Records a choice: the browser posts it to the choices endpoint (same origin, so the browser stores the record
    /// cookie), then <see cref="State"/> changes and <see cref="Changed"/> is raised, without a reload.
    /// </summary>
    /// <param name="action">A protocol action: <c>grant</c>, <c>deny</c>, <c>withdraw</c>, <c>opt-out</c>, <c>opt-in</c>, <c>accept-all</c>, <c>reject-all</c>.</param>
    /// <param name="moduleIds">The modules it applies to (empty: all, for <c>accept-all</c> and <c>reject-all</c>).</param>
    /// <returns>The new state.</returns>
    /// <exception cref="InvalidOperationException">Called while prerendering, where there is no browser to post from.</exception>
    Task<ClientConsentState> ChooseAsync(string action, params string[] moduleIds);
}
