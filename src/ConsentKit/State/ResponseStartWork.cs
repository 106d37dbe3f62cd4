using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// What happens once, when a response that read the visitor's state starts: cache headers, the notice-link check, the
/// two legal steps the server takes on the visitor's behalf (recording the GPC signal, and acknowledging the notices
/// the banner showed), writing the record cookie, and sending the resulting proof to the recorder.
/// </summary>
internal sealed class ResponseStartWork(TransmissionCatalog catalog, RecordCookieStore cookies, ConsentDecisions decisions, ConsentProof proof, NoticeLinkCheck linkCheck)
{
    public async Task RunAsync(ExternalTransmissionFeature feature)
    {
        var context = feature.HttpContext;
        SharedCaches.Exclude(context, catalog.Gpc != GpcPolicy.Ignore);
        var render = context.Features.Get<ConsentRenderState>();
        linkCheck.Check(context, render);

        var records = new List<ConsentRecord>(2);
        if (feature.GpcRecordPending && RecordGpcSignal(feature) is { } gpcRecord)
        {
            records.Add(gpcRecord);
        }

        if (ProveNoticesShownBefore(feature) is { } noticeRecord)
        {
            records.Add(noticeRecord);
        }

        if (render?.BannerShown == true)
        {
            AcknowledgeNoticesShownInBanner(feature);
        }

        if (feature.Changed)
        {
            SharedCaches.NeverStore(context);
            cookies.Write(context, feature.Record);
        }

        if (catalog.FirstVisitMaxAge is { } maxAge && IsSameForEveryFirstVisitor(feature, records.Count))
        {
            SharedCaches.AllowFirstVisit(context, maxAge, catalog.Gpc != GpcPolicy.Ignore);
        }

        foreach (var record in records)
        {
            await proof.RecordAsync(record, context.RequestAborted);
        }
    }

    /// <summary>
    /// A visitor without a record, for whom ConsentKit wrote nothing of their own: no proof, no receipt, no token, no
    /// nonce. What ConsentKit added to the page is then the same for every such visitor (the record cookie, if any, is
    /// the shared receipt-less one). The rest of the response is the application's: it must not have signed anyone in
    /// or set a cookie of its own.
    /// </summary>
    private bool IsSameForEveryFirstVisitor(ExternalTransmissionFeature feature, int proofRecords)
    {
        var context = feature.HttpContext;
        var record = feature.Record;
        if (record.Arrived || record.Receipt is not null || proofRecords > 0 || catalog.RequireAntiforgeryToken
            || context.Response.StatusCode != StatusCodes.Status200OK
            || catalog.NonceFor(context) is not null
            || context.User.Identity?.IsAuthenticated == true
            || context.Request.Headers.Authorization.Count > 0)
        {
            return false;
        }

        var recordCookie = catalog.RecordCookieName(context.Request.IsHttps) + "=";
        foreach (var setCookie in context.Response.Headers.SetCookie)
        {
            if (setCookie is null || !setCookie.StartsWith(recordCookie, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The browser's signal is recorded once per visitor (a flag in the record): what it stopped (OptOut modules) and
    /// what it pre-set to denied (Consent modules, by policy).
    /// </summary>
    private ConsentRecord? RecordGpcSignal(ExternalTransmissionFeature feature)
    {
        feature.GpcRecordPending = false;
        feature.Record.Flags |= ConsentRecordCodec.FlagGpcRecorded;
        feature.OnDecisionsChanged(persist: true);
        var affected = catalog.Modules.Where(m => feature.DecisionOf(m) == RecordedDecision.None && feature.StatusOf(m) switch
        {
            TransmissionStatus.OptedOut => m.Measure == TransmissionMeasure.OptOut,
            TransmissionStatus.Denied => m.Measure == TransmissionMeasure.Consent,
            _ => false,
        }).ToList();
        return affected.Count == 0
            ? null
            : proof.Build(feature, ConsentAction.OptOut, ConsentSource.Gpc, LanguageNegotiation.Select(feature.HttpContext.Request), affected);
    }

    /// <summary>
    /// The banner in this response showed the notice of every pending Notice module: from the next page on they may
    /// send (with JavaScript, at once). Not applied while rendering, so markup already rendered stays inert. The proof is
    /// written when the browser comes back with the cookie (<see cref="ProveNoticesShownBefore"/>).
    /// </summary>
    private void AcknowledgeNoticesShownInBanner(ExternalTransmissionFeature feature)
    {
        var change = new ConsentChange { Action = ConsentAction.AcknowledgeNotice, Source = ConsentSource.Banner };
        var (touched, _) = decisions.Apply(feature, change);
        if (touched.Count == 0)
        {
            return;
        }

        var english = LanguageNegotiation.Select(feature.HttpContext.Request) == NoticeLanguage.English;
        feature.Record.Flags = (byte)((feature.Record.Flags & ~ConsentRecordCodec.FlagNoticeShownInEnglish)
            | ConsentRecordCodec.FlagNoticeProofPending | (english ? ConsentRecordCodec.FlagNoticeShownInEnglish : 0));
        feature.OnDecisionsChanged(persist: true);
    }

    /// <summary>
    /// A browser that kept the cookie from a banner response: the notices it showed are proven now, once per browser,
    /// so cookieless crawlers (which never come back with it) create no record per request.
    /// </summary>
    private ConsentRecord? ProveNoticesShownBefore(ExternalTransmissionFeature feature)
    {
        var record = feature.Record;
        if ((record.Flags & ConsentRecordCodec.FlagNoticeProofPending) == 0)
        {
            return null;
        }

        var language = (record.Flags & ConsentRecordCodec.FlagNoticeShownInEnglish) != 0 ? NoticeLanguage.English : NoticeLanguage.Japanese;
        record.Flags &= unchecked((byte)~(ConsentRecordCodec.FlagNoticeProofPending | ConsentRecordCodec.FlagNoticeShownInEnglish));
        feature.OnDecisionsChanged(persist: true);
        var shown = catalog.Modules.Where(m => m.Measure == TransmissionMeasure.Notice && feature.DecisionOf(m) == RecordedDecision.NoticeShown).ToList();
        return shown.Count == 0 ? null : proof.Build(feature, ConsentAction.AcknowledgeNotice, ConsentSource.Banner, language, shown);
    }
}
