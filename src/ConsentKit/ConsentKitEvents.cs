using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>
/// Every log event ConsentKit and its packages write, with its stable id and name, in one table: for log filters and
/// alerts (for example on <see cref="RecordUnverifiable"/>), and for the test that checks each <c>[LoggerMessage]</c> in
/// every ConsentKit assembly has a unique id listed here. Ranges: 1-99 state, 100-199 records, 200-299 endpoints,
/// 300-399 rendering, 400-499 ConsentKit.EntityFrameworkCore, 600-619 hosting conventions.
/// </summary>
public static class ConsentKitEvents
{
    /// <summary>1: The consent record cookie was not accepted (Debug).</summary>
    public static readonly EventId RecordRejected = new(1, "RecordRejected");

    /// <summary>2: A consent change could not be written because the response had already started (Warning).</summary>
    public static readonly EventId RecordNotPersisted = new(2, "RecordNotPersisted");

    /// <summary>3: A cookie of a module that may not send was not issued (Debug).</summary>
    public static readonly EventId CookieSuppressed = new(3, "CookieSuppressed");

    /// <summary>4: A consent record cookie could not be verified, for example with an unknown key (Warning).</summary>
    public static readonly EventId RecordUnverifiable = new(4, "RecordUnverifiable");

    /// <summary>5: A request carried more than one consent record cookie (Warning).</summary>
    public static readonly EventId DuplicateRecords = new(5, "DuplicateRecords");

    /// <summary>6: The Data Protection key ring does not survive a restart (Warning).</summary>
    public static readonly EventId KeyRingNotPersisted = new(6, "KeyRingNotPersisted");

    /// <summary>7: A declaration warning at startup (Warning).</summary>
    public static readonly EventId DeclarationWarning = new(7, "DeclarationWarning");

    /// <summary>100: A consent record, written by the logging recorder (Information).</summary>
    public static readonly EventId ConsentRecorded = new(100, "ConsentRecorded");

    /// <summary>101: The consent recorder failed (Error).</summary>
    public static readonly EventId RecorderFailed = new(101, "RecorderFailed");

    /// <summary>102: The consent decision store could not be read after a choice (Error).</summary>
    public static readonly EventId DecisionStoreUnavailable = new(102, "DecisionStoreUnavailable");

    /// <summary>200: A choice request was rejected (Information).</summary>
    public static readonly EventId ChoiceRejected = new(200, "ChoiceRejected");

    /// <summary>201: A choice named modules that are not declared (Debug).</summary>
    public static readonly EventId UnknownModulesIgnored = new(201, "UnknownModulesIgnored");

    /// <summary>300: A page gates markup on an undeclared module (Error).</summary>
    public static readonly EventId UndeclaredModule = new(300, "UndeclaredModule");

    /// <summary>301: A page that sends rendered no link to the notice, R11 (Warning).</summary>
    public static readonly EventId MissingNoticeLink = new(301, "MissingNoticeLink");

    /// <summary>302: ConsentKit markup went out unprocessed, Development only (Error).</summary>
    public static readonly EventId UnprocessedMarkup = new(302, "UnprocessedMarkup");

    /// <summary>303: The site's banner partial left out required parts (Warning).</summary>
    public static readonly EventId CustomBannerIncomplete = new(303, "CustomBannerIncomplete");

    /// <summary>304: The Content Security Policy blocked an undeclared host (Warning).</summary>
    public static readonly EventId UndeclaredTransmission = new(304, "UndeclaredTransmission");

    /// <summary>400: ConsentKit.EntityFrameworkCore: a consent record was written to the store (Debug).</summary>
    public static readonly EventId StoreRecordWritten = new(400, "StoreRecordWritten");

    /// <summary>401: ConsentKit.EntityFrameworkCore: a consent record could not be written and was queued (Error).</summary>
    public static readonly EventId StoreWriteFailed = new(401, "StoreWriteFailed");

    /// <summary>402: ConsentKit.EntityFrameworkCore: a queued record was written on retry (Information).</summary>
    public static readonly EventId StoreRecordRetried = new(402, "StoreRecordRetried");

    /// <summary>403: ConsentKit.EntityFrameworkCore: a retry failed (Warning).</summary>
    public static readonly EventId StoreRetryFailed = new(403, "StoreRetryFailed");

    /// <summary>404: ConsentKit.EntityFrameworkCore: a record was dropped, the retry queue is full (Error).</summary>
    public static readonly EventId StoreRecordDropped = new(404, "StoreRecordDropped");

    /// <summary>405: ConsentKit.EntityFrameworkCore: queued records were lost at shutdown (Error).</summary>
    public static readonly EventId StoreRecordsLostAtShutdown = new(405, "StoreRecordsLostAtShutdown");

    /// <summary>406: ConsentKit.EntityFrameworkCore: a duplicate notice acknowledgement was not written (Debug).</summary>
    public static readonly EventId StoreDuplicateAcknowledgement = new(406, "StoreDuplicateAcknowledgement");

    /// <summary>407: ConsentKit.EntityFrameworkCore: a stored record does not match its digest (Warning).</summary>
    public static readonly EventId StoreRecordUnverified = new(407, "StoreRecordUnverified");

    /// <summary>408: ConsentKit.EntityFrameworkCore: retention purged old records (Information).</summary>
    public static readonly EventId StoreRecordsPurged = new(408, "StoreRecordsPurged");

    /// <summary>409: ConsentKit.EntityFrameworkCore: retention purge failed (Error).</summary>
    public static readonly EventId StorePurgeFailed = new(409, "StorePurgeFailed");

    /// <summary>410: ConsentKit.EntityFrameworkCore: the store schema is up to date (Information).</summary>
    public static readonly EventId StoreMigrated = new(410, "StoreMigrated");

    /// <summary>500: A cross-site or cross-origin post to the choices endpoint was refused with 403 (Information).</summary>
    public static readonly EventId CrossOriginChoiceRefused = new(500, "CrossOriginChoiceRefused");

    /// <summary>520: No signing key could be derived from the Data Protection key ring; records are written in format v2 (Warning, at startup).</summary>
    public static readonly EventId RecordSignedWithDataProtection = new(520, "RecordSignedWithDataProtection");

    /// <summary>600: The record cookie has a domain or path, so it takes the __Secure- prefix instead of __Host- (Information).</summary>
    public static readonly EventId CookieHostPrefixDropped = new(600, "CookieHostPrefixDropped");

    /// <summary>610: The endpoint has the app's static asset collection but ConsentKit's files are not in it; its own asset endpoint is linked instead (Warning, once).</summary>
    public static readonly EventId StaticAssetsMissing = new(610, "StaticAssetsMissing");

    /// <summary>611: The platform serves ConsentKit's fingerprinted asset without a compressed variant; its own (compressed) asset endpoint is linked instead (Information, once).</summary>
    public static readonly EventId StaticAssetsUncompressed = new(611, "StaticAssetsUncompressed");

    /// <summary>800: VaryByConsentState stores nothing that read the state while ConsentKit writes the CSP header (Warning, once).</summary>
    public static readonly EventId OutputCacheHeldBackByPolicy = new(800, "OutputCacheHeldBackByPolicy");

    /// <summary>Every event above, in id order.</summary>
    public static IReadOnlyList<EventId> All { get; } =
    [
        RecordRejected,
        RecordNotPersisted,
        CookieSuppressed,
        RecordUnverifiable,
        DuplicateRecords,
        KeyRingNotPersisted,
        DeclarationWarning,
        ConsentRecorded,
        RecorderFailed,
        DecisionStoreUnavailable,
        ChoiceRejected,
        UnknownModulesIgnored,
        UndeclaredModule,
        MissingNoticeLink,
        UnprocessedMarkup,
        CustomBannerIncomplete,
        UndeclaredTransmission,
        StoreRecordWritten,
        StoreWriteFailed,
        StoreRecordRetried,
        StoreRetryFailed,
        StoreRecordDropped,
        StoreRecordsLostAtShutdown,
        StoreDuplicateAcknowledgement,
        StoreRecordUnverified,
        StoreRecordsPurged,
        StorePurgeFailed,
        StoreMigrated,
        CrossOriginChoiceRefused,
        RecordSignedWithDataProtection,
        CookieHostPrefixDropped,
        StaticAssetsMissing,
        StaticAssetsUncompressed,
        OutputCacheHeldBackByPolicy,
    ];
}
