using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ConsentKit.TagHelpers;

/// <summary>What the gates share: resolving a module id on this request, failing closed on an undeclared one.</summary>
internal static class GateSupport
{
    /// <summary>The module and its status, or <see langword="null"/> when the id is not declared (already logged).</summary>
    public static (ModuleDescriptor Module, TransmissionStatus Status, ExternalTransmissionFeature Feature)? Resolve(ViewContext viewContext, string? moduleId)
    {
        var feature = viewContext.HttpContext.GetExternalTransmissionInternal();
        var module = string.IsNullOrEmpty(moduleId) ? null : feature.Runtime.Catalog.Find(moduleId);
        if (module is null)
        {
            if (feature.Runtime.IsDevelopment)
            {
                throw new InvalidOperationException(
                    $"ConsentKit: the page gates markup on module '{moduleId}', which is not declared. Declare it in AddExternalTransmissionNotice " +
                    "or in the ConsentKit configuration section, or fix the id. In Production the markup is left out (fail closed).");
            }

            Log.UndeclaredModule(feature.Runtime.Logger, moduleId ?? "");
            return null;
        }

        return (module, feature.StatusOf(module), feature);
    }

    public static void NoteEmitted(ExternalTransmissionFeature feature, ModuleDescriptor module) =>
        (feature.EmittedModules ??= []).Add(module.Id);
}
