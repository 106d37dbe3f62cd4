using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConsentKit;

/// <summary>GET handlers for the notice page, its JSON and its assets. Everything static is served from memory.</summary>
internal sealed class NoticeEndpoints(NoticeDocuments documents, FormTokens forms, NoticeChoiceTemplates templates, ConsentLinks links)
{
    // The notice page is ConsentKit's own: no inline script or style is needed, so the policy can be strict.
    private const string NoticeCsp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

    public async Task NoticePageAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.HasValue && request.Path.Value!.Length > 1 && request.Path.Value.EndsWith('/'))
        {
            // Relative asset URLs need the canonical path.
            context.Response.Redirect(request.PathBase + request.Path.Value.TrimEnd('/') + request.QueryString, permanent: true);
            return;
        }

        var language = LanguageNegotiation.Select(request);
        var page = documents.For(language);
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentLanguage = language == NoticeLanguage.English ? "en" : "ja";
        response.Headers.Vary = "Accept-Language";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = NoticeCsp;

        var body = NoticeChoices.Prepare(context, page, forms, templates);
        response.Headers.CacheControl = body.CacheControl;
        response.Headers.ETag = body.ETag;
        if (IsNotModified(request, body.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        // All parts are known before writing (precomputed bytes and this request's token), so the length is too: the
        // page is sent with a Content-Length and streamed in chunks of about 32 KB, never held whole in memory (2.5 MB
        // at 1,000 modules). Response compression, where the site uses it, replaces the length and compresses the
        // chunks as they come.
        var parts = new List<ReadOnlyMemory<byte>>((page.Segments.Length * 4) + 1);
        for (var i = 0; i < page.Segments.Length; i++)
        {
            parts.Add(page.Segments[i]);
            if (i < page.SlotModules.Length)
            {
                body.AddSlot(parts, page.SlotModules[i]);
            }
        }

        long length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        response.ContentLength = length;
        var writer = response.BodyWriter;
        var unflushed = 0;
        foreach (var part in parts)
        {
            writer.Write(part.Span);
            unflushed += part.Length;
            if (unflushed >= ChunkSize)
            {
                unflushed = 0;
                if ((await writer.FlushAsync(context.RequestAborted)) is { IsCanceled: true } or { IsCompleted: true })
                {
                    return;
                }
            }
        }

        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>About how much of the notice page is written before each flush.</summary>
    internal const int ChunkSize = 32 * 1024;

    public Task NoticeJsonAsync(HttpContext context)
    {
        // noticePath names where the page is really served: a MapGroup prefix and PathBase included.
        var json = documents.JsonFor(links.Notice(context.Request));
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = json.ETag;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.AccessControlAllowOrigin = "*";
        if (IsNotModified(context.Request, json.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(json.Bytes, context.RequestAborted).AsTask();
    }

    /// <summary><c>{"gpc": true, "lastUpdate": "YYYY-MM-DD"}</c>: the site honours the Global Privacy Control signal.</summary>
    public Task GpcAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "public, max-age=86400";
        response.Headers.AccessControlAllowOrigin = "*";
        var json = documents.Catalog.LastUpdated is { } date
            ? "{\"gpc\": true, \"lastUpdate\": \"" + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\"}"
            : "{\"gpc\": true}";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync(json, context.RequestAborted);
    }

    public Task AssetAsync(HttpContext context)
    {
        var fileName = context.Request.RouteValues["file"] as string ?? "";
        var asset = documents.FindAsset(fileName);
        var response = context.Response;
        if (asset is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.Headers.ETag = asset.ETag;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.Vary = "Accept-Encoding";
        // A stale hash (a page cached across a deploy) still gets the current file, but not for a year.
        response.Headers.CacheControl = fileName == asset.FileName ? "public, max-age=31536000, immutable" : "no-cache";
        if (IsNotModified(context.Request, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var gzip = AcceptsGzip(context.Request);
        var bytes = gzip ? asset.Gzipped : asset.Content;
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    internal static bool IsNotModified(HttpRequest request, string etag)
    {
        var typed = request.GetTypedHeaders();
        var ifNoneMatch = typed.IfNoneMatch;
        if (ifNoneMatch is null || ifNoneMatch.Count == 0)
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        foreach (var candidate in ifNoneMatch)
        {
            if (candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(current, useStrongComparison: false))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var values))
        {
            return false;
        }

        foreach (var value in values)
        {
            if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (value.Quality ?? 1) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
