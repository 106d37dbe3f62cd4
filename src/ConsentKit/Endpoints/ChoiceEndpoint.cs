using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using static ConsentKit.ConsentProtocol;

namespace ConsentKit;

/// <summary>
/// <c>POST {NoticePath}/choices</c>. Two kinds of caller:
/// a plain HTML form (no JavaScript; answers 303 to a local return URL) and fetch with JSON (answers the new state).
/// Both must pass <see cref="CrossOriginCheck"/> (Sec-Fetch-Site, else Origin); forms also carry an antiforgery token
/// when the site asks for one (<see cref="ConsentFormOptions.RequireAntiforgeryToken"/>).
/// A cross-site or malformed request gets 4xx and changes nothing.
/// </summary>
internal sealed class ChoiceEndpoint(TransmissionCatalog catalog, ConsentLinks links, IAntiforgery antiforgery, ILogger<ChoiceEndpoint> logger)
{
    public const int MaxBodyBytes = 16 * 1024;
    private const int MaxModulesPerRequest = 1024;

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = MaxModulesPerRequest * 2,
        KeyLengthLimit = 64,
        // Above ReturnAddress.MaxLength: a longer return address falls back to the notice page instead of failing the form.
        ValueLengthLimit = 8 * 1024,
        MultipartBodyLengthLimit = MaxBodyBytes,
        BufferBodyLengthLimit = MaxBodyBytes,
    };

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        // Before anything is read: another site's request is refused whatever it carries.
        var verdict = CrossOriginCheck.Evaluate(request, catalog.TrustedOrigins);
        if (!CrossOriginCheck.IsAllowed(verdict))
        {
            Log.CrossOriginChoiceRefused(logger, verdict, Log.Escape(request.Headers["Sec-Fetch-Site"].ToString()), Log.Escape(request.Headers.Origin.ToString()));
            await RejectAsync(context, StatusCodes.Status403Forbidden, "cross-site", t => t.RefusedCrossSite);
            return;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "too-large", t => t.RefusedTooLarge);
            return;
        }

        if (request.HasJsonContentType())
        {
            await HandleJsonAsync(context);
        }
        else if (request.HasFormContentType)
        {
            await HandleFormAsync(context);
        }
        else
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", t => t.RefusedContentType);
        }
    }

    private async Task HandleFormAsync(HttpContext context)
    {
        IFormCollection form;
        try
        {
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, FormLimits));
            form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (catalog.RequireAntiforgeryToken && !await antiforgery.IsRequestValidAsync(context))
            {
                await RejectAsync(context, StatusCodes.Status403Forbidden, "antiforgery", t => t.RefusedToken);
                return;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException or BadHttpRequestException or AntiforgeryValidationException)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "malformed", t => t.RefusedForm);
            return;
        }

        if (!TryParseAction(form[Fields.Action], out var action))
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "unknown-action", t => t.RefusedAction);
            return;
        }

        var modules = form[Fields.Module];
        var change = new ConsentChange
        {
            Action = action,
            Modules = modules.Count == 0 && action != ConsentAction.Save ? null : Limit(modules),
            Allowed = Limit(form[Fields.Allow]),
            // A form without JavaScript comes from the banner or the notice page, never from the API.
            Source = ParseSource(form[Fields.Source]) is ConsentSource.NoticePage ? ConsentSource.NoticePage : ConsentSource.Banner,
            Language = ParseLanguage(form[Fields.Language]),
        };

        await context.GetExternalTransmission().ApplyAsync(change, context.RequestAborted);
        var target = ReturnAddress.Local(form[Fields.ReturnUrl]) ?? links.NoticePath;
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = ReturnAddress.ToLocation(target.StartsWith('/') ? context.Request.PathBase.Value + target : target);
        context.Response.Headers.CacheControl = "no-store";
    }

    private async Task HandleJsonAsync(HttpContext context)
    {
        ChoiceRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, ConsentKitJsonContext.Default.ChoiceRequest, context.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException or IOException or NotSupportedException)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "malformed", t => t.RefusedJson);
            return;
        }

        if (body is null || !TryParseAction(body.Action, out var action))
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "unknown-action", t => t.RefusedAction);
            return;
        }

        if ((body.Modules?.Length ?? 0) > MaxModulesPerRequest || (body.Allowed?.Length ?? 0) > MaxModulesPerRequest)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "too-many-modules", t => t.RefusedTooManyModules);
            return;
        }

        var feature = context.GetExternalTransmissionInternal();
        var change = new ConsentChange
        {
            Action = action,
            Modules = body.Modules?.Where(m => m is not null).ToArray(),
            Allowed = body.Allowed?.Where(m => m is not null).ToArray(),
            Source = ParseSource(body.Source),
            Language = ParseLanguage(body.Lang),
        };

        var result = await feature.ApplyAsync(change, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        await WriteJsonAsync(context, StatusCodes.Status200OK, StateOf(feature, result.UnknownModules), ConsentKitJsonContext.Default.ChoiceResponse);
    }

    internal static ChoiceResponse StateOf(ExternalTransmissionFeature feature, IReadOnlyList<string>? ignored = null)
    {
        var view = feature.View;
        return new ChoiceResponse
        {
            Receipt = feature.ReceiptId,
            Pending = view.HasPending,
            Modules = view.StatusNames,
            ConsentMode = view.ConsentMode,
            Ignored = ignored is { Count: > 0 } ? ignored.ToArray() : null,
        };
    }

    private static string[] Limit(Microsoft.Extensions.Primitives.StringValues values)
    {
        var result = new List<string>(Math.Min(values.Count, MaxModulesPerRequest));
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value) && result.Count < MaxModulesPerRequest)
            {
                result.Add(value);
            }
        }

        return result.ToArray();
    }

    /// <summary>Refuses the request, with the reason in both languages (<paramref name="reason"/> picks it from each table).</summary>
    private async Task RejectAsync(HttpContext context, int status, string code, Func<VisitorText, string> reason)
    {
        Log.ChoiceRejected(logger, code);
        var (ja, en) = (catalog.TextJa, catalog.TextEn);
        var (messageJa, message) = (reason(ja), reason(en));
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        if (context.Request.HasJsonContentType() || AcceptsJson(context.Request))
        {
            await WriteJsonAsync(context, status, new ChoiceError { Error = code, Message = message, MessageJa = messageJa }, ConsentKitJsonContext.Default.ChoiceError);
            return;
        }

        var notice = links.Notice(context.Request);
        var w = new HtmlWriter(1024);
        w.Raw("<!DOCTYPE html>\n<html lang=\"ja\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
         .Text(ja.NotAccepted).Raw(" / ").Text(en.NotAccepted).Raw("</title></head>\n<body>\n<main>\n<h1>").Text(ja.NotAccepted).Raw("</h1>\n<p>").Text(messageJa)
         .Raw(" ").Text(ja.ChoicesUnchanged).Raw("</p>\n<p lang=\"en\">").Text(message).Raw(" ").Text(en.ChoicesUnchanged).Raw("</p>\n<p><a href=\"")
         .Text(notice).Raw("\">").Text(ja.NoticeTitle).Raw(" / ").Text(en.NoticeTitle).Raw("</a></p>\n</main>\n</body>\n</html>\n");
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(w.ToString(), context.RequestAborted);
    }

    private static bool AcceptsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private static Task WriteJsonAsync<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted);
    }
}
