using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.TagHelpers;

/// <summary>What the gates share: resolving a module id on this request, failing closed on an undeclared one.</summary>
internal sealed class GateSupport(ILogger logger, IHostEnvironment? environment)
{
    private readonly bool _development = environment?.IsDevelopment() == true;

    /// <summary>The module and its status, or <see langword="null"/> when the id is not declared (already logged).</summary>
    public (ModuleDescriptor Module, TransmissionStatus Status, ExternalTransmissionFeature Feature)? Resolve(ViewContext viewContext, string? moduleId)
    {
        var feature = viewContext.HttpContext.GetExternalTransmissionInternal();
        if (feature.Find(moduleId) is not { } module)
        {
            if (_development)
            {
                throw new InvalidOperationException(
                    $"ConsentKit: the page gates markup on module '{moduleId}', which is not declared. Declare it in AddExternalTransmissionNotice " +
                    "or in the ConsentKit configuration section, or fix the id. In Production the markup is left out (fail closed).");
            }

            Log.UndeclaredModule(logger, Log.Escape(moduleId));
            return null;
        }

        return (module, feature.StatusOf(module), feature);
    }

    public static void NoteEmitted(ViewContext viewContext, ModuleDescriptor module) =>
        ConsentRenderState.Of(viewContext.HttpContext).NoteEmitted(module.Id);
}
