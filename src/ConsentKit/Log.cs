using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>ConsentKit's log events. Ids are stable: 1-99 state, 100-199 records, 200-299 endpoints, 300-399 rendering.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "RecordRejected", Level = LogLevel.Debug,
        Message = "The consent record cookie was not accepted ({Reason}); it counts as no decision.")]
    public static partial void RecordRejected(ILogger logger, RecordFailure reason);

    [LoggerMessage(EventId = 2, EventName = "RecordNotPersisted", Level = LogLevel.Warning,
        Message = "A consent change ({Action}) could not be written because the response had already started; it holds for this request only.")]
    public static partial void RecordNotPersisted(ILogger logger, ConsentAction action);

    [LoggerMessage(EventId = 3, EventName = "CookieSuppressed", Level = LogLevel.Debug,
        Message = "Cookie '{CookieName}' of module '{ModuleId}' was not issued: the module is {Status}.")]
    public static partial void CookieSuppressed(ILogger logger, string cookieName, string moduleId, TransmissionStatus status);

    [LoggerMessage(EventId = 101, EventName = "RecorderFailed", Level = LogLevel.Error,
        Message = "The consent recorder failed for receipt {ReceiptId}. The decision itself was stored in the visitor's cookie.")]
    public static partial void RecorderFailed(ILogger logger, Exception exception, string receiptId);

    [LoggerMessage(EventId = 200, EventName = "ChoiceRejected", Level = LogLevel.Information,
        Message = "A choice request was rejected: {Reason}.")]
    public static partial void ChoiceRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 201, EventName = "UnknownModulesIgnored", Level = LogLevel.Debug,
        Message = "A choice named modules that are not declared or do not take that choice; they were ignored: {Modules}.")]
    public static partial void UnknownModulesIgnored(ILogger logger, string modules);

    [LoggerMessage(EventId = 300, EventName = "UndeclaredModule", Level = LogLevel.Error,
        Message = "The page gates markup on module '{ModuleId}', which is not declared. The markup was not emitted.")]
    public static partial void UndeclaredModule(ILogger logger, string moduleId);

    [LoggerMessage(EventId = 301, EventName = "MissingNoticeLink", Level = LogLevel.Warning,
        Message = "Page '{Path}' emitted module(s) {Modules} but rendered no <external-transmission-link />: a page that sends must offer a way to the notice (Ordinance 22-2-28 (3)(i), R11). Logged at most once per path per hour.")]
    public static partial void MissingNoticeLink(ILogger logger, string path, string modules);

    [LoggerMessage(EventId = 302, EventName = "UnprocessedMarkup", Level = LogLevel.Error,
        Message = "Page '{Path}' went out with ConsentKit markup that nothing processed: {Element}. Its scripts and embeds were NOT gated. " +
        "In Razor components (Blazor) tag helpers do not run: add the ConsentKit.Components package, '@using ConsentKit.Components' in _Imports.razor " +
        "and use <ConsentScript>, <ConsentGate>, <ConsentBanner />. In MVC or Razor Pages add '@addTagHelper *, ConsentKit' to _ViewImports.cshtml. " +
        "This check runs in Development only.")]
    public static partial void UnprocessedMarkup(ILogger logger, string path, string element);
}
