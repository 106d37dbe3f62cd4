using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace ConsentKit;

/// <summary>
/// Per-request state. Holds one decision byte per module, filled from the protected cookie on first use.
/// Changes are written back once, when the response starts.
/// </summary>
internal sealed class ExternalTransmissionFeature : IExternalTransmissionFeature
{
    private readonly HttpContext _context;
    private readonly ConsentKitRuntime _runtime;
    private RecordedDecision[] _decisions = [];
    private ushort[]? _days;
    private byte[] _payload = [];
    private Guid? _receipt;
    private byte _flags;
    private bool _resolved;
    private bool _gpc;
    private bool _dirty;
    private bool _noticeAcknowledgementPending;
    private bool _gpcRecordPending;
    private ModuleState[]? _states;

    public ExternalTransmissionFeature(HttpContext context, ConsentKitRuntime runtime)
    {
        _context = context;
        _runtime = runtime;
    }

    internal ConsentKitRuntime Runtime => _runtime;

    internal HttpContext HttpContext => _context;

    /// <summary>The recorded decision, before measure and GPC are applied.</summary>
    internal RecordedDecision DecisionOf(ModuleDescriptor module)
    {
        EnsureResolved();
        return _decisions[module.Index];
    }

    /// <summary>Set by the notice link tag helper; read by the development check for R11.</summary>
    internal bool NoticeLinkRendered { get; set; }

    /// <summary>Set when a gate rendered its placeholder, so the head knows the page needs ConsentKit's stylesheet.</summary>
    internal bool PlaceholderRendered { get; set; }

    /// <summary>Modules whose markup this response emitted in runnable form; for the development check for R11.</summary>
    internal List<string>? EmittedModules { get; set; }

    public bool GlobalPrivacyControl
    {
        get
        {
            EnsureResolved();
            return _gpc;
        }
    }

    public string? ReceiptId
    {
        get
        {
            EnsureResolved();
            return _receipt?.ToString("N");
        }
    }

    public bool HasPending
    {
        get
        {
            EnsureResolved();
            foreach (var m in _runtime.Catalog.Modules)
            {
                if (StatusOf(m) == TransmissionStatus.Pending)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public IReadOnlyList<ModuleState> Modules
    {
        get
        {
            EnsureResolved();
            if (_states is null)
            {
                var modules = _runtime.Catalog.Modules;
                var states = new ModuleState[modules.Count];
                for (var i = 0; i < states.Length; i++)
                {
                    states[i] = new ModuleState(modules[i].Id, StatusOf(modules[i]));
                }

                _states = states;
            }

            return _states;
        }
    }

    public TransmissionStatus GetStatus(string moduleId)
    {
        var module = _runtime.Catalog.Find(moduleId)
            ?? throw new ArgumentException($"Module '{moduleId}' is not declared. Declare it in AddExternalTransmissionNotice or in the ConsentKit configuration section.", nameof(moduleId));
        EnsureResolved();
        return StatusOf(module);
    }

    public bool IsAllowed(string moduleId)
    {
        var module = _runtime.Catalog.Find(moduleId);
        if (module is null)
        {
            return false;
        }

        EnsureResolved();
        return StatusOf(module).IsAllowed();
    }

    internal TransmissionStatus StatusOf(ModuleDescriptor module)
    {
        EnsureResolved();
        if (module.IsExempt)
        {
            return TransmissionStatus.Exempt;
        }

        var decision = _decisions[module.Index];
        switch (module.Measure)
        {
            case TransmissionMeasure.Publication:
                return TransmissionStatus.Allowed;
            case TransmissionMeasure.Notice:
                return decision is RecordedDecision.NoticeShown or RecordedDecision.Granted ? TransmissionStatus.Allowed : TransmissionStatus.Pending;
            case TransmissionMeasure.Consent:
                return decision switch
                {
                    RecordedDecision.Granted => TransmissionStatus.Allowed,
                    RecordedDecision.Denied => TransmissionStatus.Denied,
                    // GPC never grants; by policy it may pre-set a denial.
                    _ => _gpc && _runtime.Catalog.Gpc == GpcPolicy.OptOutAndDenyConsent ? TransmissionStatus.Denied : TransmissionStatus.Pending,
                };
            case TransmissionMeasure.OptOut:
                return decision switch
                {
                    RecordedDecision.OptedOut => TransmissionStatus.OptedOut,
                    // An explicit, site-specific choice made after the fact wins over the browser-wide signal.
                    RecordedDecision.OptedIn => TransmissionStatus.Allowed,
                    _ => _gpc ? TransmissionStatus.OptedOut : TransmissionStatus.Allowed,
                };
            default:
                return TransmissionStatus.Pending;
        }
    }

    /// <summary>Called when the banner carrying the notice is rendered: from the next page on, Notice modules are allowed.</summary>
    internal void AcknowledgeNoticeDisplayed()
    {
        EnsureResolved();
        foreach (var m in _runtime.Catalog.Modules)
        {
            if (m.Measure == TransmissionMeasure.Notice && _decisions[m.Index] is not (RecordedDecision.NoticeShown or RecordedDecision.Granted))
            {
                // Not applied to this request: gated markup already rendered stays inert until the banner is on screen.
                _noticeAcknowledgementPending = true;
                return;
            }
        }
    }

    public async Task<ConsentChangeResult> ApplyAsync(ConsentChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        EnsureResolved();
        var (touched, unknown) = ApplyInMemory(change);
        if (touched.Count == 0)
        {
            return new ConsentChangeResult(null, persisted: false, unknown);
        }

        var persisted = !_context.Response.HasStarted;
        var record = BuildRecord(change.Action, change.Source, change.Language, touched);
        if (!persisted)
        {
            Log.RecordNotPersisted(_runtime.Logger, change.Action);
            return new ConsentChangeResult(record, persisted: false, unknown);
        }

        _dirty = true;
        SyncTrackingConsent(change);
        await RecordAsync(record, cancellationToken);
        return new ConsentChangeResult(record, persisted: true, unknown);
    }

    private (List<ModuleDescriptor> Touched, IReadOnlyList<string> Unknown) ApplyInMemory(ConsentChange change)
    {
        var catalog = _runtime.Catalog;
        var unknown = new List<string>();
        var selected = Select(change.Modules, unknown, change.Action);
        HashSet<string>? allowed = null;
        if (change.Action == ConsentAction.Save)
        {
            allowed = new HashSet<string>(change.Allowed ?? [], StringComparer.OrdinalIgnoreCase);
        }

        EnsureDays();
        var today = ConsentRecordCodec.DayOf(_runtime.Time.GetUtcNow());
        var touched = new List<ModuleDescriptor>();
        foreach (var m in catalog.Modules)
        {
            var next = Decide(change.Action, m, selected, allowed);
            if (next == RecordedDecision.None)
            {
                continue;
            }

            _decisions[m.Index] = next;
            _days![m.Index] = today;
            touched.Add(m);
        }

        _states = null;
        return (touched, unknown);
    }

    private HashSet<string>? Select(IReadOnlyCollection<string>? ids, List<string> unknown, ConsentAction action)
    {
        if (ids is null)
        {
            return null;
        }

        var selected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids)
        {
            var module = _runtime.Catalog.Find(id);
            var applies = module is not null && action switch
            {
                ConsentAction.Grant or ConsentAction.Deny or ConsentAction.Withdraw => module.Measure == TransmissionMeasure.Consent,
                ConsentAction.OptOut or ConsentAction.OptIn => module.Measure == TransmissionMeasure.OptOut,
                ConsentAction.Save => module.IsChoosable,
                _ => true,
            };
            if (applies)
            {
                selected.Add(module!.Id);
            }
            else
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count > 0)
        {
            Log.UnknownModulesIgnored(_runtime.Logger, string.Join(", ", unknown));
        }

        return selected;
    }

    private RecordedDecision Decide(ConsentAction action, ModuleDescriptor m, HashSet<string>? selected, HashSet<string>? allowed)
    {
        var inScope = selected is null || selected.Contains(m.Id);
        var current = _decisions[m.Index];
        return (action, m.Measure) switch
        {
            // The banner scopes accept and reject to the modules it showed; without a list they cover every module.
            (ConsentAction.AcceptAll, TransmissionMeasure.Consent) when inScope => RecordedDecision.Granted,
            (ConsentAction.AcceptAll, TransmissionMeasure.OptOut) when inScope => RecordedDecision.OptedIn,
            (ConsentAction.RejectAll, TransmissionMeasure.Consent) when inScope => RecordedDecision.Denied,
            (ConsentAction.RejectAll, TransmissionMeasure.OptOut) when inScope => RecordedDecision.OptedOut,
            (ConsentAction.AcceptAll or ConsentAction.RejectAll or ConsentAction.Save or ConsentAction.AcknowledgeNotice, TransmissionMeasure.Notice)
                when current != RecordedDecision.NoticeShown => RecordedDecision.NoticeShown,
            (ConsentAction.Grant, TransmissionMeasure.Consent) when inScope => RecordedDecision.Granted,
            (ConsentAction.Deny, TransmissionMeasure.Consent) when inScope => RecordedDecision.Denied,
            // Withdrawal without a list applies to what was granted; it must be as easy as granting (R25).
            (ConsentAction.Withdraw, TransmissionMeasure.Consent) when inScope && (selected is not null || current == RecordedDecision.Granted) => RecordedDecision.Denied,
            (ConsentAction.OptOut, TransmissionMeasure.OptOut) when inScope => RecordedDecision.OptedOut,
            (ConsentAction.OptIn, TransmissionMeasure.OptOut) when inScope => RecordedDecision.OptedIn,
            (ConsentAction.Save, TransmissionMeasure.Consent) when selected is not null && inScope =>
                allowed!.Contains(m.Id) ? RecordedDecision.Granted : RecordedDecision.Denied,
            (ConsentAction.Save, TransmissionMeasure.OptOut) when selected is not null && inScope =>
                allowed!.Contains(m.Id) ? RecordedDecision.OptedIn : RecordedDecision.OptedOut,
            _ => RecordedDecision.None,
        };
    }

    private ConsentRecord BuildRecord(ConsentAction action, ConsentSource source, NoticeLanguage language, List<ModuleDescriptor> touched)
    {
        _receipt = Guid.NewGuid();
        var entries = new ConsentRecordEntry[touched.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var m = touched[i];
            entries[i] = new ConsentRecordEntry
            {
                ModuleId = m.Id,
                Measure = m.Measure ?? TransmissionMeasure.Publication,
                Status = StatusOf(m),
                Fingerprint = m.FingerprintHex,
                Recipient = m.RecipientName.Ja,
            };
        }

        return new ConsentRecord
        {
            ReceiptId = _receipt.Value.ToString("N"),
            Timestamp = _runtime.Time.GetUtcNow(),
            Source = source,
            Action = action,
            Decisions = entries,
            NoticeSha256 = _runtime.Documents.For(language).Sha256,
            Language = language,
            Controller = _runtime.Catalog.OperatorName.Ja,
            GlobalPrivacyControl = _gpc,
        };
    }

    private async Task RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _runtime.Recorder.RecordAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RecorderFailed(_runtime.Logger, ex, record.ReceiptId);
        }
    }

    private void SyncTrackingConsent(ConsentChange change)
    {
        // Keeps ASP.NET Core's CookiePolicy consent in step for code that reads ITrackingConsentFeature.
        if (_context.Features.Get<ITrackingConsentFeature>() is not { } tracking)
        {
            return;
        }

        if (change.Action == ConsentAction.AcceptAll)
        {
            tracking.GrantConsent();
        }
        else if (change.Action is ConsentAction.RejectAll || (change.Action == ConsentAction.Withdraw && change.Modules is null))
        {
            tracking.WithdrawConsent();
        }
    }

    private void EnsureResolved()
    {
        if (_resolved)
        {
            return;
        }

        _resolved = true;
        var catalog = _runtime.Catalog;
        _decisions = new RecordedDecision[catalog.Modules.Count];
        _gpc = catalog.Gpc != GpcPolicy.Ignore && IsGpc(_context.Request.Headers["Sec-GPC"]);

        var now = _runtime.Time.GetUtcNow();
        var failure = _runtime.Codec.TryOpen(_context.Request.Cookies[catalog.CookieName], now, out _payload);
        if (failure != RecordFailure.None)
        {
            Log.RecordRejected(_runtime.Logger, failure);
        }

        if (_payload.Length > 0)
        {
            _receipt = ConsentRecordCodec.ReceiptOf(_payload);
            _flags = ConsentRecordCodec.FlagsOf(_payload);
            var oldest = ConsentRecordCodec.DayOf(now) - _runtime.LifetimeDays;
            var count = ConsentRecordCodec.CountOf(_payload);
            for (var i = 0; i < count; i++)
            {
                var entry = ConsentRecordCodec.EntryAt(_payload, i);
                // Entries for declarations that changed since (other fingerprint) or that expired count as no decision.
                if (entry.Day >= oldest && catalog.ByFingerprint.TryGetValue(entry.Fingerprint, out var module))
                {
                    _decisions[module.Index] = entry.Decision;
                }
            }
        }

        _gpcRecordPending = _gpc && (_flags & ConsentRecordCodec.FlagGpcRecorded) == 0 && catalog.ChoosableCount > 0;
        if (!_context.Response.HasStarted)
        {
            _context.Response.OnStarting(static state => ((ExternalTransmissionFeature)state).OnStartingAsync(), this);
        }
    }

    private void EnsureDays()
    {
        if (_days is not null)
        {
            return;
        }

        var catalog = _runtime.Catalog;
        _days = new ushort[catalog.Modules.Count];
        if (_payload.Length == 0)
        {
            return;
        }

        var count = ConsentRecordCodec.CountOf(_payload);
        for (var i = 0; i < count; i++)
        {
            var entry = ConsentRecordCodec.EntryAt(_payload, i);
            if (catalog.ByFingerprint.TryGetValue(entry.Fingerprint, out var module) && _decisions[module.Index] == entry.Decision)
            {
                _days[module.Index] = entry.Day;
            }
        }
    }

    private async Task OnStartingAsync()
    {
        MarkPrivate(_context.Response, _runtime.Catalog.Gpc != GpcPolicy.Ignore);
        CheckNoticeLink();
        var records = new List<ConsentRecord>(2);

        if (_gpcRecordPending)
        {
            _flags |= ConsentRecordCodec.FlagGpcRecorded;
            // What the signal changed: opt-out modules it stopped, and consent modules it pre-set to denied.
            var affected = _runtime.Catalog.Modules.Where(m => _decisions[m.Index] == RecordedDecision.None && StatusOf(m) switch
            {
                TransmissionStatus.OptedOut => m.Measure == TransmissionMeasure.OptOut,
                TransmissionStatus.Denied => m.Measure == TransmissionMeasure.Consent,
                _ => false,
            }).ToList();
            if (affected.Count > 0)
            {
                records.Add(BuildRecord(ConsentAction.OptOut, ConsentSource.Gpc, LanguageNegotiation.Select(_context.Request), affected));
            }

            _dirty = true;
        }

        if (_noticeAcknowledgementPending)
        {
            var (touched, _) = ApplyInMemory(new ConsentChange { Action = ConsentAction.AcknowledgeNotice, Source = ConsentSource.Banner });
            if (touched.Count > 0)
            {
                records.Add(BuildRecord(ConsentAction.AcknowledgeNotice, ConsentSource.Banner, LanguageNegotiation.Select(_context.Request), touched));
                _dirty = true;
            }
        }

        if (_dirty)
        {
            WriteCookie();
        }

        foreach (var record in records)
        {
            await RecordAsync(record, _context.RequestAborted);
        }
    }

    /// <summary>In Development: a page that emits a Publication or Notice module must also link to the notice (R11).</summary>
    private void CheckNoticeLink()
    {
        if (!_runtime.IsDevelopment || NoticeLinkRendered || EmittedModules is not { Count: > 0 } emitted)
        {
            return;
        }

        var needsLink = emitted.Distinct(StringComparer.Ordinal)
            .Where(id => _runtime.Catalog.Find(id)?.Measure is TransmissionMeasure.Publication or TransmissionMeasure.Notice)
            .ToList();
        if (needsLink.Count > 0)
        {
            Log.MissingNoticeLink(_runtime.Logger, _context.Request.Path, string.Join(", ", needsLink));
        }
    }

    private void WriteCookie()
    {
        EnsureDays();
        var catalog = _runtime.Catalog;
        var entries = new List<RecordEntry>();
        foreach (var m in catalog.Modules)
        {
            var decision = _decisions[m.Index];
            if (decision != RecordedDecision.None)
            {
                entries.Add(new RecordEntry(m.Fingerprint, decision, _days![m.Index]));
            }
        }

        var receipt = _receipt ??= Guid.NewGuid();
        var value = _runtime.Codec.Encode(receipt, _runtime.Time.GetUtcNow(), _flags, entries);
        _context.Response.Cookies.Append(catalog.CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = _context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = catalog.CookiePath,
            Domain = catalog.CookieDomain,
            MaxAge = catalog.CookieLifetime,
            // Records a refusal too; CookiePolicy must never suppress it.
            IsEssential = true,
        });
        _dirty = false;
    }

    /// <summary>The response depended on this visitor's state: no shared cache may store it.</summary>
    private static void MarkPrivate(HttpResponse response, bool variesOnGpc)
    {
        var headers = response.Headers;
        var cacheControl = headers.CacheControl.ToString();
        if (cacheControl.Length == 0)
        {
            headers.CacheControl = "private";
        }
        else if (!cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase) && !cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            var directives = cacheControl.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(d => !d.Equals("public", StringComparison.OrdinalIgnoreCase) && !d.StartsWith("s-maxage", StringComparison.OrdinalIgnoreCase));
            headers.CacheControl = string.Join(", ", directives.Prepend("private"));
        }

        headers.Vary = StringValues.Concat(headers.Vary, variesOnGpc ? "Cookie, Sec-GPC" : "Cookie");
    }

    private static bool IsGpc(StringValues values) => values.Count == 1 && values[0] is { } v && v.Trim() == "1";
}
