using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>ConsentKit's log events. Ids are stable: 1-99 state, 100-199 records, 200-299 endpoints, 300-399 rendering.</summary>
internal static partial class Log
{
    /// <summary>
    /// Text from a request, made safe for a log line: control characters (CR, LF, ESC, NUL…), line and paragraph
    /// separators and bidirectional controls become <c>\uXXXX</c>, so a value cannot forge lines, colour a terminal
    /// or reorder what an operator reads. Long values are cut.
    /// </summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var sb = new System.Text.StringBuilder(Math.Min(value.Length, 200) + 8);
        foreach (var c in value.Length > 200 ? value[..200] : value)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return value.Length > 200 ? sb.Append('…').ToString() : sb.ToString();
    }

    [LoggerMessage(EventId = 1, EventName = "RecordRejected", Level = LogLevel.Debug,
        Message = "The consent record cookie was not accepted ({Reason}); it counts as no decision.")]
    public static partial void RecordRejected(ILogger logger, RecordFailure reason);

    [LoggerMessage(EventId = 2, EventName = "RecordNotPersisted", Level = LogLevel.Warning,
        Message = "A consent change ({Action}) could not be written because the response had already started; it holds for this request only.")]
    public static partial void RecordNotPersisted(ILogger logger, ConsentAction action);

    [LoggerMessage(EventId = 3, EventName = "CookieSuppressed", Level = LogLevel.Debug,
        Message = "Cookie '{CookieName}' of module '{ModuleId}' was not issued: the module is {Status}.")]
    public static partial void CookieSuppressed(ILogger logger, string cookieName, string moduleId, TransmissionStatus status);

    [LoggerMessage(EventId = 7, EventName = "DeclarationWarning", Level = LogLevel.Warning,
        Message = "ConsentKit declaration warning: {Problem}. Set ConsentKit:TreatWarningsAsErrors=true to stop startup on warnings.")]
    public static partial void DeclarationWarning(ILogger logger, string problem);

    [LoggerMessage(EventId = 4, EventName = "RecordUnverifiable", Level = LogLevel.Warning,
        Message = "A consent record cookie could not be verified ({Reason}; {Suppressed} more since the last warning). Visitors' choices are lost and their opt-outs are held until the banner is shown again. If the reason is UnknownKey, the Data Protection key ring is not persisted or not shared between instances: see docs/en/keys.md (PersistKeysTo…, SetApplicationName).")]
    public static partial void RecordUnverifiable(ILogger logger, RecordFailure reason, int suppressed);

    [LoggerMessage(EventId = 5, EventName = "DuplicateRecords", Level = LogLevel.Warning,
        Message = "A request carried {Count} consent record cookies ({Suppressed} more such requests since the last warning); the most restrictive reading was used. A duplicate is usually planted by another subdomain or a plain-HTTP response.")]
    public static partial void DuplicateRecords(ILogger logger, int count, int suppressed);

    [LoggerMessage(EventId = 6, EventName = "KeyRingNotPersisted", Level = LogLevel.Warning,
        Message = "ConsentKit: the Data Protection key ring is {Where}. When the application restarts or is redeployed, every visitor's consent record becomes unreadable: grants are asked again and opt-outs wait for the banner. Persist the keys (for example services.AddDataProtection().PersistKeysToFileSystem(<mounted volume>) or PersistKeysToDbContext<T>()) and call SetApplicationName. See docs/en/keys.md. / Data Protection の鍵が{Where}にあります。再起動や再デプロイで訪問者の選択が読めなくなります。鍵を永続化してください（docs/ja/keys.md）。")]
    public static partial void KeyRingNotPersisted(ILogger logger, string where);

    [LoggerMessage(EventId = 520, EventName = "RecordSignedWithDataProtection", Level = LogLevel.Warning,
        Message = "ConsentKit: no signing key could be derived from the Data Protection key ring (no key manager, or a key whose material is not readable), so records are written in format v2, protected with Data Protection: correct, but each returning visitor's record costs a Data Protection unprotect. See docs/en/keys.md. / Data Protection の鍵から署名鍵を作れないため、記録を旧形式（v2）で書いています。正しく動きますが、処理が重くなります（docs/ja/keys.md）。")]
    public static partial void RecordSignedWithDataProtection(ILogger logger);

    [LoggerMessage(EventId = 102, EventName = "DecisionStoreUnavailable", Level = LogLevel.Error,
        Message = "The consent decision store could not be read after a choice; the choice stands in the visitor's cookie and concurrent choices are not merged until the store is back.")]
    public static partial void DecisionStoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 101, EventName = "RecorderFailed", Level = LogLevel.Error,
        Message = "The consent recorder failed for receipt {ReceiptId}. The decision itself was stored in the visitor's cookie.")]
    public static partial void RecorderFailed(ILogger logger, Exception exception, string receiptId);

    [LoggerMessage(EventId = 200, EventName = "ChoiceRejected", Level = LogLevel.Information,
        Message = "A choice request was rejected: {Reason}.")]
    public static partial void ChoiceRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 500, EventName = "CrossOriginChoiceRefused", Level = LogLevel.Information,
        Message = "A choice request from another site was refused ({Verdict}; Sec-Fetch-Site '{SecFetchSite}', Origin '{Origin}'). Nothing was changed. If it came from one of your own sites, add its origin to ConsentKit:Forms:TrustedOrigins.")]
    public static partial void CrossOriginChoiceRefused(ILogger logger, CrossOriginVerdict verdict, string secFetchSite, string origin);

    [LoggerMessage(EventId = 201, EventName = "UnknownModulesIgnored", Level = LogLevel.Debug,
        Message = "A choice named modules that are not declared or do not take that choice; they were ignored: {Modules}.")]
    public static partial void UnknownModulesIgnored(ILogger logger, string modules);

    [LoggerMessage(EventId = 300, EventName = "UndeclaredModule", Level = LogLevel.Error,
        Message = "The page gates markup on module '{ModuleId}', which is not declared. The markup was not emitted.")]
    public static partial void UndeclaredModule(ILogger logger, string moduleId);

    [LoggerMessage(EventId = 303, EventName = "CustomBannerIncomplete", Level = LogLevel.Warning,
        Message = "The site's {Partial} partial left out required parts ({Missing}); its display is not recorded as the notice of the Notice modules, which stay pending. Render every item of Model.Modules (recipient, information, purpose) and a link to Model.NoticeUrl.")]
    public static partial void CustomBannerIncomplete(ILogger logger, string partial, string missing);

    [LoggerMessage(EventId = 301, EventName = "MissingNoticeLink", Level = LogLevel.Warning,
        Message = "Page '{Path}' emitted module(s) {Modules} but rendered no <external-transmission-link />: a page that sends must offer a way to the notice (Ordinance 22-2-28 (3)(i), R11). Logged at most once per path per hour.")]
    public static partial void MissingNoticeLink(ILogger logger, string path, string modules);

    [LoggerMessage(EventId = 302, EventName = "UnprocessedMarkup", Level = LogLevel.Error,
        Message = "Page '{Path}' went out with ConsentKit markup that nothing processed: {Element}. Its scripts and embeds were NOT gated. " +
        "In Razor components (Blazor) tag helpers do not run: add the ConsentKit.Components package, '@using ConsentKit.Components' in _Imports.razor " +
        "and use <ConsentScript>, <ConsentGate>, <ConsentBanner />. In MVC or Razor Pages add '@addTagHelper *, ConsentKit' to _ViewImports.cshtml. " +
        "This check runs in Development only.")]
    public static partial void UnprocessedMarkup(ILogger logger, string path, string element);

    [LoggerMessage(EventId = 304, EventName = "UndeclaredTransmission", Level = LogLevel.Warning,
        Message = "The page {PagePath} tried to reach {Host} ({Directive}) and ConsentKit's Content Security Policy does not allow it (declared host: {Declared}). Declare the module that sends there (R34), or remove the tag; the Development page {{NoticePath}}/csp-violations suggests a declaration. Logged once per host per hour.")]
    public static partial void UndeclaredTransmission(ILogger logger, string host, string directive, string pagePath, bool declared);

    [LoggerMessage(EventId = 800, EventName = "OutputCacheHeldBackByPolicy", Level = LogLevel.Warning,
        Message = "ConsentKit: VaryByConsentState cannot store pages while ConsentKit writes the Content-Security-Policy header (the output cache keeps the headers from before the policy is known, so a stored copy would have no policy for its scripts). Pages that read the consent state are not stored. Set ContentSecurityPolicy:Mode to Off to cache them.")]
    public static partial void OutputCacheHeldBackByPolicy(ILogger logger);

    [LoggerMessage(EventId = 600, EventName = "CookieHostPrefixDropped", Level = LogLevel.Information,
        Message = "The consent record cookie has {Setting}, so over HTTPS it is named {CookieName} (prefix __Secure-) instead of __Host-{Name}: the __Host- prefix requires path / and no domain. / 記録 Cookie に {Setting} が設定されているため、HTTPS では __Host- ではなく {CookieName}（__Secure-）という名前になります。")]
    public static partial void CookieHostPrefixDropped(ILogger logger, string setting, string cookieName, string name);

    [LoggerMessage(EventId = 610, EventName = "StaticAssetsMissing", Level = LogLevel.Warning,
        Message = "This endpoint has the app's static asset collection (MapStaticAssets, WithStaticAssets), but {Script} and {Stylesheet} are not in it, so ConsentKit links its own asset endpoint instead (no fingerprint from the platform, no integrity). Check that the app's static web assets manifest includes the ConsentKit package. / このエンドポイントには静的アセットの一覧（MapStaticAssets、WithStaticAssets）がありますが、{Script} と {Stylesheet} が含まれていないため、ConsentKit 自身の配信エンドポイントへのリンクを書きます。アプリの静的 Web アセットのマニフェストに ConsentKit パッケージが含まれているか確認してください。")]
    public static partial void StaticAssetsMissing(ILogger logger, string script, string stylesheet);

    [LoggerMessage(EventId = 611, EventName = "StaticAssetsUncompressed", Level = LogLevel.Information,
        Message = "The platform serves {Url} without a compressed variant (the .NET SDK attaches .gz/.br only to the plain route of a package's static web assets), so ConsentKit links its own asset endpoint instead: also fingerprinted and cached for a year, and compressed. / プラットフォームは {Url} を圧縮せずに配信します（.NET SDK はパッケージの静的 Web アセットの .gz/.br を指紋なしの経路にしか付けません）。そのため ConsentKit 自身の配信エンドポイントへのリンクを書きます。こちらも指紋付きで 1 年間キャッシュされ、圧縮して配信されます。")]
    public static partial void StaticAssetsUncompressed(ILogger logger, string url);
}
