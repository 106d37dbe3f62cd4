using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.TagHelpers;

/// <summary>What the gates (tag helpers and components) share: resolving a module id on this request, failing closed on an undeclared one.</summary>
internal sealed class GateSupport(ILogger logger, IHostEnvironment? environment)
{
    private readonly bool _development = environment?.IsDevelopment() == true;

    /// <summary>The module and its status, or <see langword="null"/> when the id is not declared (already logged).</summary>
    public (ModuleDescriptor Module, TransmissionStatus Status, ExternalTransmissionFeature Feature)? Resolve(HttpContext http, string? moduleId)
    {
        var feature = http.GetExternalTransmissionInternal();
        if (Find(feature.Catalog, moduleId) is not { } module)
        {
            return null;
        }

        return (module, feature.StatusOf(module), feature);
    }

    /// <summary>The declared module, or <see langword="null"/> (logged; thrown in Development) for an undeclared id.</summary>
    public ModuleDescriptor? Find(TransmissionCatalog catalog, string? moduleId)
    {
        if (!string.IsNullOrEmpty(moduleId) && catalog.Find(moduleId) is { } module)
        {
            return module;
        }

        if (_development)
        {
            throw new InvalidOperationException(
                $"ConsentKit: the page gates markup on module '{moduleId}', which is not declared. Declare it in AddExternalTransmissionNotice " +
                "or in the ConsentKit configuration section, or fix the id. In Production the markup is left out (fail closed).");
        }

        Log.UndeclaredModule(logger, Log.Escape(moduleId));
        return null;
    }

    public static void NoteEmitted(HttpContext http, ModuleDescriptor module) =>
        ConsentRenderState.Of(http).NoteEmitted(module.Id);
}
