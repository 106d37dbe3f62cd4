using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>In Development: a page that emits a Publication or Notice module must also link to the notice (R11).</summary>
internal sealed class NoticeLinkCheck(TransmissionCatalog catalog, IHostEnvironment? environment, ILogger<NoticeLinkCheck> logger)
{
    private readonly bool _enabled = environment?.IsDevelopment() == true;

    public void Check(HttpContext context, ConsentRenderState? render)
    {
        if (!_enabled || render is null || render.NoticeLinkRendered || render.EmittedModules.Count == 0)
        {
            return;
        }

        var needsLink = render.EmittedModules.Distinct(StringComparer.Ordinal)
            .Where(id => catalog.Find(id)?.Measure is TransmissionMeasure.Publication or TransmissionMeasure.Notice)
            .ToList();
        if (needsLink.Count > 0)
        {
            Log.MissingNoticeLink(logger, context.Request.Path, string.Join(", ", needsLink));
        }
    }
}
