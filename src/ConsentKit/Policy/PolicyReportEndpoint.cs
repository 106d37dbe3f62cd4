using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConsentKit;

/// <summary>
/// <c>POST {NoticePath}/csp-reports</c>: violation reports from browsers, as <c>report-uri</c>
/// (<c>application/csp-report</c>) or <c>report-to</c> (<c>application/reports+json</c>). Anyone can post here, so
/// the endpoint trusts nothing: 64 KB at most, only those two content types, a global rate limit, answers without a
/// body (nothing is reflected), and only a host name, a directive name and a path are kept, in bounded memory.
/// </summary>
internal sealed class PolicyReportEndpoint(ViolationLog violations, PolicyMetrics metrics, TimeProvider time)
{
    public const string PathSuffix = "/csp-reports";
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Reports accepted per second, across all senders; more are counted and dropped.</summary>
    public const int ReportsPerSecond = 50;

    private const int MaxReportsPerBody = 100;
    private static readonly JsonDocumentOptions JsonLimits = new() { MaxDepth = 8 };
    private readonly object _gate = new();
    private long _window;
    private int _inWindow;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("application/csp-report" or "application/reports+json"))
        {
            Reject(context, StatusCodes.Status415UnsupportedMediaType, "content-type");
            return;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            Reject(context, StatusCodes.Status413PayloadTooLarge, "size");
            return;
        }

        if (Exhausted())
        {
            // A flood is counted before its body is read.
            Reject(context, StatusCodes.Status429TooManyRequests, "rate");
            return;
        }

        var body = await ReadAsync(request, context.RequestAborted);
        if (body is null)
        {
            Reject(context, StatusCodes.Status413PayloadTooLarge, "size");
            return;
        }

        List<Violation> found;
        try
        {
            using var json = JsonDocument.Parse(body, JsonLimits);
            found = type == "application/csp-report" ? FromReportUri(json.RootElement) : FromReportTo(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            Reject(context, StatusCodes.Status400BadRequest, "malformed");
            return;
        }

        foreach (var violation in found)
        {
            if (!TakeToken())
            {
                // A flood is counted, not stored.
                metrics.CountDropped("rate");
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                continue;
            }

            violations.Add(violation);
        }

        if (context.Response.StatusCode != StatusCodes.Status429TooManyRequests)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    private void Reject(HttpContext context, int status, string reason)
    {
        metrics.CountDropped(reason);
        context.Response.StatusCode = status;
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        return length > MaxBodyBytes ? null : buffer[..length];
    }

    private bool TakeToken()
    {
        var second = time.GetTimestamp() / time.TimestampFrequency;
        lock (_gate)
        {
            if (second != _window)
            {
                _window = second;
                _inWindow = 0;
            }

            return ++_inWindow <= ReportsPerSecond;
        }
    }

    private bool Exhausted()
    {
        var second = time.GetTimestamp() / time.TimestampFrequency;
        lock (_gate)
        {
            return second == _window && _inWindow >= ReportsPerSecond;
        }
    }

    private static List<Violation> FromReportUri(JsonElement root)
    {
        var found = new List<Violation>(1);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("csp-report", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            found.Add(ViolationReading.Read(
                Text(r, "blocked-uri"), Text(r, "effective-directive") ?? Text(r, "violated-directive"), Text(r, "document-uri")));
        }

        return found;
    }

    private static List<Violation> FromReportTo(JsonElement root)
    {
        var found = new List<Violation>();
        if (root.ValueKind != JsonValueKind.Array)
        {
            return found;
        }

        foreach (var report in root.EnumerateArray().Take(MaxReportsPerBody))
        {
            if (report.ValueKind == JsonValueKind.Object && Text(report, "type") == "csp-violation"
                && report.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object)
            {
                found.Add(ViolationReading.Read(Text(b, "blockedURL"), Text(b, "effectiveDirective"), Text(b, "documentURL") ?? Text(report, "url")));
            }
        }

        return found;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
