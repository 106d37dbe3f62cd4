namespace ConsentKit;

/// <summary>How a change names a module: the change lists no modules, or it lists this one, or it lists others only.</summary>
internal enum ChoiceScope
{
    /// <summary>The change names no modules: it covers every module its action applies to.</summary>
    Unlisted = 0,

    /// <summary>The change names this module.</summary>
    Listed = 1,

    /// <summary>The change names other modules, not this one.</summary>
    Other = 2,
}

/// <summary>
/// The law's promises as two pure functions, with no request, cookie or clock: what a module may do given its measure,
/// the visitor's recorded decision and the browser's privacy signal; and what a visitor's action records.
/// Everything that reads or writes state calls these; the tests pin them row by row.
/// </summary>
internal static class ConsentRules
{
    /// <summary>Whether the module may send now.</summary>
    /// <param name="measure">The module's measure; <see langword="null"/> for an exempt module.</param>
    /// <param name="decision">What the visitor's record holds for the current declaration.</param>
    /// <param name="gpc">Whether the request carries the Global Privacy Control signal and the site honours it.</param>
    /// <param name="policy">How the site honours the signal.</param>
    public static TransmissionStatus Status(TransmissionMeasure? measure, RecordedDecision decision, bool gpc, GpcPolicy policy)
    {
        gpc &= policy != GpcPolicy.Ignore;
        return measure switch
        {
            // Exempt information (Act 27-12 (i), (ii)) needs no measure.
            null => TransmissionStatus.Exempt,

            // Published: the notice page is the measure; nothing for the visitor to do.
            TransmissionMeasure.Publication => TransmissionStatus.Allowed,

            // Notified: sent once the notice was in front of the visitor (or the visitor accepted).
            // A visitor who stopped it (where the site lets visitors stop notified modules) stays stopped, even after
            // the site turns that option off again.
            TransmissionMeasure.Notice => decision switch
            {
                RecordedDecision.NoticeShown or RecordedDecision.Granted => TransmissionStatus.Allowed,
                RecordedDecision.OptedOut => TransmissionStatus.OptedOut,
                _ => TransmissionStatus.Pending,
            },

            // Consent: only an explicit yes sends. GPC never grants; by policy it may pre-set a no.
            TransmissionMeasure.Consent => decision switch
            {
                RecordedDecision.Granted => TransmissionStatus.Allowed,
                RecordedDecision.Denied => TransmissionStatus.Denied,
                _ => gpc && policy == GpcPolicy.OptOutAndDenyConsent ? TransmissionStatus.Denied : TransmissionStatus.Pending,
            },

            // Opt-out: sent until the visitor (or the browser's signal) says stop. A later, site-specific opt-in wins
            // over the browser-wide signal.
            // An unreadable record may hide an opt-out: wait for the banner (fail closed).
            TransmissionMeasure.OptOut => decision switch
            {
                RecordedDecision.OptedOut => TransmissionStatus.OptedOut,
                RecordedDecision.OptedIn => TransmissionStatus.Allowed,
                _ when gpc => TransmissionStatus.OptedOut,
                RecordedDecision.Unreadable => TransmissionStatus.Pending,
                _ => TransmissionStatus.Allowed,
            },
            _ => TransmissionStatus.Pending,
        };
    }

    /// <summary>Whether an action can name a module of this measure (the others are reported as ignored).</summary>
    /// <param name="action">What the visitor did.</param>
    /// <param name="measure">The module's measure; <see langword="null"/> for an exempt module.</param>
    /// <param name="noticeStoppable">Whether the site lets visitors stop notified modules (off by default).</param>
    public static bool CanName(ConsentAction action, TransmissionMeasure? measure, bool noticeStoppable = false) => action switch
    {
        ConsentAction.Grant or ConsentAction.Deny or ConsentAction.Withdraw => measure == TransmissionMeasure.Consent,
        ConsentAction.OptOut or ConsentAction.OptIn or ConsentAction.Save =>
            measure == TransmissionMeasure.OptOut || (action == ConsentAction.Save && measure == TransmissionMeasure.Consent)
            || (noticeStoppable && measure == TransmissionMeasure.Notice),
        _ => true,
    };

    /// <summary>What the action records for a module, or <see langword="null"/> when it leaves the record as it is.</summary>
    /// <param name="action">What the visitor did.</param>
    /// <param name="measure">The module's measure; <see langword="null"/> for an exempt module.</param>
    /// <param name="current">What the record holds now.</param>
    /// <param name="scope">Whether the change named this module.</param>
    /// <param name="switchedOn">For <see cref="ConsentAction.Save"/>: whether the visitor left the module switched on.</param>
    /// <param name="noticeStoppable">Whether the site lets visitors stop notified modules (off by default).</param>
    public static RecordedDecision? Next(ConsentAction action, TransmissionMeasure? measure, RecordedDecision current, ChoiceScope scope, bool switchedOn, bool noticeStoppable = false)
    {
        var covered = scope != ChoiceScope.Other;
        var stoppable = noticeStoppable && measure == TransmissionMeasure.Notice;
        return (action, measure) switch
        {
            // Where the site lets visitors stop notified modules, 同意しない, a stop and the settings panel stop them too.
            (ConsentAction.RejectAll or ConsentAction.OptOut, TransmissionMeasure.Notice) when stoppable && covered => RecordedDecision.OptedOut,
            (ConsentAction.OptIn, TransmissionMeasure.Notice) when stoppable && covered => RecordedDecision.NoticeShown,
            (ConsentAction.Save, TransmissionMeasure.Notice) when stoppable && scope == ChoiceScope.Listed =>
                switchedOn ? RecordedDecision.NoticeShown : RecordedDecision.OptedOut,

            // A stopped notified module resumes only when the visitor's answer covers it; showing the banner again does not.
            (ConsentAction.AcceptAll, TransmissionMeasure.Notice) when current == RecordedDecision.OptedOut => covered ? RecordedDecision.NoticeShown : null,

            // The banner scopes accept and reject to the modules it showed; without a list they cover every module.
            (ConsentAction.AcceptAll, TransmissionMeasure.Consent) when covered => RecordedDecision.Granted,
            (ConsentAction.AcceptAll, TransmissionMeasure.OptOut) when covered => RecordedDecision.OptedIn,
            (ConsentAction.RejectAll, TransmissionMeasure.Consent) when covered => RecordedDecision.Denied,
            (ConsentAction.RejectAll, TransmissionMeasure.OptOut) when covered => RecordedDecision.OptedOut,

            // Any answer to the banner, and the banner itself, shows the notice of every Notice module.
            (ConsentAction.AcceptAll or ConsentAction.RejectAll or ConsentAction.Save or ConsentAction.AcknowledgeNotice, TransmissionMeasure.Notice)
                when current is not (RecordedDecision.NoticeShown or RecordedDecision.OptedOut) => RecordedDecision.NoticeShown,

            // The banner was shown again after an unreadable record: the OptOut modules it lists may send again.
            (ConsentAction.AcknowledgeNotice, TransmissionMeasure.OptOut) when current == RecordedDecision.Unreadable => RecordedDecision.None,

            (ConsentAction.Grant, TransmissionMeasure.Consent) when covered => RecordedDecision.Granted,
            (ConsentAction.Deny, TransmissionMeasure.Consent) when covered => RecordedDecision.Denied,

            // Withdrawal without a list applies to what was granted; it must be as easy as granting (R25).
            (ConsentAction.Withdraw, TransmissionMeasure.Consent) when scope == ChoiceScope.Listed || (scope == ChoiceScope.Unlisted && current == RecordedDecision.Granted)
                => RecordedDecision.Denied,

            (ConsentAction.OptOut, TransmissionMeasure.OptOut) when covered => RecordedDecision.OptedOut,
            (ConsentAction.OptIn, TransmissionMeasure.OptOut) when covered => RecordedDecision.OptedIn,

            // The settings panel lists what it showed; each listed module is on or off.
            (ConsentAction.Save, TransmissionMeasure.Consent) when scope == ChoiceScope.Listed => switchedOn ? RecordedDecision.Granted : RecordedDecision.Denied,
            (ConsentAction.Save, TransmissionMeasure.OptOut) when scope == ChoiceScope.Listed => switchedOn ? RecordedDecision.OptedIn : RecordedDecision.OptedOut,
            _ => null,
        };
    }

    /// <summary>
    /// What a stored decision counts for once the module's declaration changed materially (Act 27-12 (iv), R36):
    /// a refusal or a stop never reverts; a grant, an opt-in and an acknowledged notice are asked again.
    /// </summary>
    public static RecordedDecision Carry(RecordedDecision stored, bool declarationChanged) =>
        !declarationChanged || stored is RecordedDecision.Denied or RecordedDecision.OptedOut or RecordedDecision.Unreadable ? stored : RecordedDecision.None;

    /// <summary>
    /// Two copies of a record disagree (a planted or stale duplicate): the more restrictive reading wins, so no copy can
    /// add a grant the other lacks. Refusals and stops, then "unreadable", then nothing, then grants.
    /// </summary>
    public static RecordedDecision Stricter(RecordedDecision a, RecordedDecision b) => Restriction(b) > Restriction(a) ? b : a;

    private static int Restriction(RecordedDecision decision) => decision switch
    {
        RecordedDecision.Denied or RecordedDecision.OptedOut => 3,
        RecordedDecision.Unreadable => 2,
        RecordedDecision.None => 1,
        _ => 0,
    };

    /// <summary>What a stored status means for the record (the inverse of <see cref="Status"/> for an explicit decision).</summary>
    public static RecordedDecision? FromStatus(TransmissionMeasure? measure, TransmissionStatus status) => (measure, status) switch
    {
        (TransmissionMeasure.Consent, TransmissionStatus.Allowed) => RecordedDecision.Granted,
        (TransmissionMeasure.Consent, TransmissionStatus.Denied) => RecordedDecision.Denied,
        (TransmissionMeasure.OptOut, TransmissionStatus.Allowed) => RecordedDecision.OptedIn,
        (TransmissionMeasure.OptOut, TransmissionStatus.OptedOut) => RecordedDecision.OptedOut,
        (TransmissionMeasure.Notice, TransmissionStatus.Allowed) => RecordedDecision.NoticeShown,
        (TransmissionMeasure.Notice, TransmissionStatus.OptedOut) => RecordedDecision.OptedOut,
        _ => null,
    };
}
