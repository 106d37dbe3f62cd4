using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>
/// A page that emits a Publication, Notice or OptOut module must also offer the way to the notice (R11). Runs in every
/// environment; a warning is logged at most once per path per hour, so a busy page cannot flood the log.
/// </summary>
internal sealed class NoticeLinkCheck(TransmissionCatalog catalog, TimeProvider time, ILogger<NoticeLinkCheck> logger)
{
    private const int MaxPaths = 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _warned = new(StringComparer.Ordinal);

    public void Check(HttpContext context, ConsentRenderState? render)
    {
        if (render is null || render.NoticeLinkRendered || render.EmittedModules.Count == 0)
        {
            return;
        }

        var needsLink = render.EmittedModules.Distinct(StringComparer.Ordinal)
            .Where(id => catalog.Find(id)?.Measure is TransmissionMeasure.Publication or TransmissionMeasure.Notice or TransmissionMeasure.OptOut)
            .ToList();
        if (needsLink.Count == 0)
        {
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        var now = time.GetUtcNow();
        if (_warned.TryGetValue(path, out var last) && now - last < Interval)
        {
            return;
        }

        if (_warned.Count >= MaxPaths)
        {
            _warned.Clear();
        }

        _warned[path] = now;
        Log.MissingNoticeLink(logger, path, string.Join(", ", needsLink));
    }
}
