using ConsentKit.TagHelpers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Components;

/// <summary>What every ConsentKit component needs, resolved once per scope: the core's markup, links and catalogue.</summary>
internal sealed class ComponentServices(
    ConsentMarkup markup, ConsentLinks links, TransmissionCatalog catalog, ILoggerFactory loggers, IHostEnvironment? environment = null)
{
    private readonly GateSupport _gates = new(loggers.CreateLogger("ConsentKit.Components"), environment);

    public ConsentMarkup Markup => markup;

    public ConsentLinks Links => links;

    public TransmissionCatalog Catalog => catalog;

    /// <summary>
    /// The module and its status. Static rendering (and prerendering) asks the request, exactly as the tag helpers do;
    /// interactive rendering asks the cascading <see cref="ConsentState"/>. Undeclared: <see langword="null"/> (fail closed).
    /// </summary>
    public (ModuleDescriptor Module, TransmissionStatus Status)? Resolve(HttpContext? http, ConsentState? state, string? moduleId)
    {
        if (http is not null)
        {
            return _gates.Resolve(http, moduleId) is var (module, status, _) ? (module, status) : null;
        }

        return _gates.Find(catalog, moduleId) is { } m ? (m, state?.GetStatus(m.Id) ?? TransmissionStatus.Pending) : null;
    }

    /// <summary>The language: an explicit parameter, else the request's, else the one carried into interactive rendering.</summary>
    public static NoticeLanguage Language(HttpContext? http, ConsentState? state, string? parameter) =>
        http is not null ? LanguageNegotiation.Preferred(http.Request, parameter)
        : !string.IsNullOrEmpty(parameter) ? (parameter.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? NoticeLanguage.English : NoticeLanguage.Japanese)
        : state?.Language ?? NoticeLanguage.Japanese;
}
