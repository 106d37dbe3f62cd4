using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// Per-request state, like ASP.NET Core's antiforgery feature: the visitor's record (one decision per module, read from
/// the cookie on first use), the privacy signal, and whether anything changed. The rules live in
/// <see cref="ConsentRules"/>; reading and writing the cookie in <see cref="RecordCookieStore"/>; applying a change in
/// <see cref="ConsentDecisions"/>; the work done when the response starts in <see cref="ResponseStartWork"/>.
/// </summary>
internal sealed class ExternalTransmissionFeature(HttpContext context, ExternalTransmissionServices services) : IExternalTransmissionFeature
{
    private VisitorRecord? _record;
    private bool _gpc;
    private StatusView? _view;
    private int _featuresRevision = -1;
    private bool _atResponseStart;

    internal HttpContext HttpContext => context;

    internal TransmissionCatalog Catalog => services.Catalog;

    /// <summary>The visitor's record; read and verified on first use.</summary>
    internal VisitorRecord Record
    {
        get
        {
            EnsureResolved();
            return _record!;
        }
    }

    /// <summary>The record changed and is written when the response starts.</summary>
    internal bool Changed { get; private set; }

    /// <summary>The privacy signal arrived and has not been recorded for this visitor yet.</summary>
    internal bool GpcRecordPending { get; set; }

    public bool GlobalPrivacyControl
    {
        get
        {
            EnsureResolved();
            return _gpc;
        }
    }

    public string? ReceiptId => Record.Receipt?.ToString("N");

    public bool HasPending => View.HasPending;

    public IReadOnlyList<ModuleState> Modules => View.Modules;

    /// <summary>
    /// What this visitor's statuses give the page (pending, module list, client state, Consent Mode), shared with every
    /// request that has the same decisions and signal. Every change to the record goes through
    /// <see cref="OnDecisionsChanged"/>, which drops it.
    /// </summary>
    internal StatusView View
    {
        get
        {
            EnsureResolved();
            return _view ??= services.Views.For(_record!.Decisions, _gpc, _record.VectorKey);
        }
    }

    internal ModuleDescriptor? Find(string? moduleId) => string.IsNullOrEmpty(moduleId) ? null : services.Catalog.Find(moduleId);

    /// <summary>The recorded decision, before measure and GPC are applied.</summary>
    internal RecordedDecision DecisionOf(ModuleDescriptor module) => Record.Decisions[module.Index];

    internal TransmissionStatus StatusOf(ModuleDescriptor module) => View.Statuses[module.Index];

    public TransmissionStatus GetStatus(string moduleId)
    {
        var module = Find(moduleId)
            ?? throw new ArgumentException($"Module '{moduleId}' is not declared. Declare it in AddExternalTransmissionNotice or in the ConsentKit configuration section.", nameof(moduleId));
        return StatusOf(module);
    }

    public bool IsAllowed(string moduleId) => Find(moduleId) is { } module && StatusOf(module).IsAllowed();

    public Task<ConsentChangeResult> ApplyAsync(ConsentChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return services.Decisions.ApplyAsync(this, change, cancellationToken);
    }

    /// <summary>A decision changed in memory: statuses are recomputed; <paramref name="persist"/> writes the cookie at response start.</summary>
    internal void OnDecisionsChanged(bool persist)
    {
        _view = null;
        Changed |= persist;
    }

    private void EnsureResolved()
    {
        // Reading state makes the response this visitor's own; an output cache added later in the pipeline is told too.
        if (context.Features.Revision != _featuresRevision)
        {
            _featuresRevision = context.Features.Revision;
            SharedCaches.Exclude(context, services.Catalog.Gpc != GpcPolicy.Ignore);
        }

        if (_record is not null)
        {
            return;
        }

        var catalog = services.Catalog;
        _gpc = catalog.Gpc != GpcPolicy.Ignore && context.Request.Headers["Sec-GPC"] is { Count: 1 } signal && signal[0]?.Trim() == "1";
        _record = services.Cookies.Read(context.Request);
        Changed = _record.NeedsRewrite;
        GpcRecordPending = _gpc && (_record.Flags & ConsentRecordCodec.FlagGpcRecorded) == 0 && catalog.ChoosableCount > 0;
        if (!context.Response.HasStarted && !_atResponseStart)
        {
            context.Response.OnStarting(static state => ((ExternalTransmissionFeature)state).OnStartingAsync(), this);
        }
    }

    /// <summary>This response's Content Security Policy, from the current state and what the page rendered so far.</summary>
    internal ExternalTransmissionPolicy Policy() => services.Policy.PolicyFor(context, this);

    private Task OnStartingAsync() => services.ResponseStart.RunAsync(this);

    /// <summary>
    /// For a part of the response that depends on the state and is computed as the response starts (the policy
    /// header): when nothing read the state while rendering, reads it now and runs the response-start work at once,
    /// because a callback registered while callbacks run does not run on every server.
    /// </summary>
    internal Task ResolveAtResponseStartAsync()
    {
        if (_record is not null)
        {
            return Task.CompletedTask;
        }

        _atResponseStart = true;
        EnsureResolved();
        return services.ResponseStart.RunAsync(this);
    }
}
