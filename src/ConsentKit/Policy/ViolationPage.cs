using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// <c>GET {NoticePath}/csp-violations</c>, mapped in the Development environment only: the aggregated violations, and
/// for each host no module declares, a declaration to start from (the catalogue entry when one covers the host).
/// </summary>
internal sealed class ViolationPage(ViolationLog violations)
{
    public const string PathSuffix = "/csp-violations";

    public Task RenderAsync(HttpContext context)
    {
        var all = violations.Snapshot();
        var w = new HtmlWriter(4096);
        w.Raw("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>CSP violations / 未宣言の送信</title></head><body>\n")
         .Raw("<h1>未宣言の送信 / Transmissions the policy blocked</h1>\n");
        if (all.Count == 0)
        {
            w.Raw("<p>報告はありません。 / No reports.</p>\n");
        }
        else
        {
            w.Raw("<table><thead><tr><th>Host</th><th>Directive</th><th>Page</th><th>Count</th><th>Declared</th></tr></thead><tbody>\n");
            foreach (var v in all)
            {
                w.Raw("<tr><td>").Text(v.Host).Raw("</td><td>").Text(v.Directive).Raw("</td><td>").Text(v.PagePath)
                 .Raw("</td><td>").Text(v.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
                 .Raw("</td><td>").Text(v.Declared ? "yes" : "no").Raw("</td></tr>\n");
            }

            w.Raw("</tbody></table>\n");
        }

        if (violations.Overflow > 0)
        {
            w.Raw("<p>").Text($"{violations.Overflow} reports did not fit and were only counted.").Raw("</p>\n");
        }

        foreach (var host in all.Where(v => !v.Declared && !v.Host.StartsWith('\'') && !v.Host.StartsWith('(')).Select(v => v.Host).Distinct())
        {
            w.Raw("<h2>").Text(host).Raw("</h2>\n<pre><code>").Text(Suggest(host)).Raw("</code></pre>\n");
        }

        w.Raw("</body></html>\n");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(w.ToString(), context.RequestAborted);
    }

    /// <summary>A declaration skeleton for a host no module declares: from the catalogue when an entry covers it.</summary>
    internal static string Suggest(string host)
    {
        if (KnownModules.FindByHost(host) is { Count: > 0 } known)
        {
            return string.Join("\n", known.Select(k =>
                $"o.AddModule(\"{k.Id}\", KnownModules.Find(\"{k.Id}\")!, m => m.WithMeasure(TransmissionMeasure.Consent)); // {k.Name}"));
        }

        var id = new string(host.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"""
            o.AddModule("{id}", m => m
                .Named("（名称）", "(name)")
                .SendsTo("（送信先の事業者の名称）", legalNameEn: "(recipient's legal name)")
                .Sends("（送信される情報）", "(information sent)")
                .WithPurposes("（当サイトの利用目的）", "（送信先の利用目的）", "(our purpose)", "(the recipient's purpose)")
                .WithMeasure(TransmissionMeasure.Consent)
                .ContactsHosts("{host}"));
            """;
    }
}
