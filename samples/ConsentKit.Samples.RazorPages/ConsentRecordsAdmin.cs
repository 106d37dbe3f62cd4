using System.Globalization;
using ConsentKit.EntityFrameworkCore;

namespace ConsentKit.Samples.RazorPages;

/// <summary>
/// The operators' side of the consent records: the policy that guards it and the CSV and JSON exports. The sample
/// grants the role through a development-only sign-in (Pages/Admin/Login); a real site maps its own users to it.
/// </summary>
public static class ConsentRecordsAdmin
{
    /// <summary>The authorization policy of the admin pages and exports.</summary>
    public const string Policy = "ConsentRecordsAdmin";

    /// <summary>The role the policy requires.</summary>
    public const string Role = "consent-records-admin";

    /// <summary>Maps <c>GET /admin/records/export.csv</c> and <c>.json</c> (<c>?from=2026-11-01&amp;to=2026-12-01&amp;module=</c>), behind the policy.</summary>
    public static void MapConsentRecordsExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/records/export.csv", async (HttpContext context, IConsentRecordStore store) =>
        {
            var query = QueryOf(context.Request.Query);
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=consent-records.csv";
            await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false));
            await ConsentRecordExport.WriteCsvAsync(store.FindAsync(query, context.RequestAborted), writer, context.RequestAborted);
        }).RequireAuthorization(Policy);

        endpoints.MapGet("/admin/records/export.json", async (HttpContext context, IConsentRecordStore store) =>
        {
            var query = QueryOf(context.Request.Query);
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=consent-records.json";
            await ConsentRecordExport.WriteJsonAsync(store.FindAsync(query, context.RequestAborted), context.Response.Body, context.RequestAborted);
        }).RequireAuthorization(Policy);
    }

    /// <summary>A date range in UTC days: from the start of <c>from</c> to the end of <c>to</c>.</summary>
    internal static ConsentRecordQuery QueryOf(IQueryCollection query) => new()
    {
        From = Day(query["from"]),
        To = Day(query["to"])?.AddDays(1),
        ModuleId = string.IsNullOrWhiteSpace(query["module"]) ? null : query["module"].ToString(),
        Limit = 100_000,
    };

    private static DateTimeOffset? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
}
