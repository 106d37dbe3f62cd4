namespace ConsentKit.Components;

/// <summary>
/// "May module X send?", answered the same way in every render mode, for components and server code alike (the
/// Blazor counterpart of <c>HttpContext.GetExternalTransmission()</c>, as FeatureManagement's <c>IFeatureManager</c> is
/// for feature flags). Scoped: inject it. In static rendering it reads the request; in interactive rendering it reads the
/// state carried over from prerendering and updated by choices made on the page.
/// </summary>
public interface IExternalTransmissionConsent
{
    /// <summary>The visitor's state now.</summary>
    ConsentState State { get; }

    /// <summary>Whether the module may send now; <see langword="false"/> for an undeclared id (fail closed).</summary>
    /// <param name="moduleId">A module id.</param>
    /// <returns>Whether it may send.</returns>
    ValueTask<bool> IsAllowedAsync(string moduleId);

    /// <summary>
    /// Records a choice from an interactive component: the browser posts it to the choices endpoint (so the browser
    /// stores the record cookie), then <see cref="State"/> and every component that receives it are updated without a reload.
    /// </summary>
    /// <param name="action">The visitor's action, for example <see cref="ConsentAction.Grant"/>.</param>
    /// <param name="moduleIds">The modules it applies to (empty: all, for <see cref="ConsentAction.AcceptAll"/> and <see cref="ConsentAction.RejectAll"/>).</param>
    /// <returns>The new state.</returns>
    /// <exception cref="InvalidOperationException">Called during static rendering, where there is no browser connection: use the forms the components render.</exception>
    Task<ConsentState> ChooseAsync(ConsentAction action, params string[] moduleIds);
}
