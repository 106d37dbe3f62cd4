using static ConsentKit.RecordedDecision;
using S = ConsentKit.TransmissionStatus;

namespace ConsentKit.Tests;

/// <summary>
/// The decision table, pinned row by row. Both tables are written here independently of the implementation; every
/// combination of measure, recorded decision, action, scope and privacy signal is checked against them, so removing,
/// adding or changing any rule in <see cref="ConsentRules"/> fails a test named after the action and measure.
/// </summary>
public class ConsentRulesTableTests
{
    private static readonly TransmissionMeasure? Exempt = null;
    private const TransmissionMeasure Publication = TransmissionMeasure.Publication;
    private const TransmissionMeasure Notice = TransmissionMeasure.Notice;
    private const TransmissionMeasure Consent = TransmissionMeasure.Consent;
    private const TransmissionMeasure OptOut = TransmissionMeasure.OptOut;

    private static readonly TransmissionMeasure?[] Measures = [Exempt, Publication, Notice, Consent, OptOut];
    private static readonly RecordedDecision[] Decisions = Enum.GetValues<RecordedDecision>();
    private static readonly ChoiceScope[] Scopes = Enum.GetValues<ChoiceScope>();

    // ── Status: may the module send? ──────────────────────────────────────────────────────────────────────────
    // Columns: no privacy signal | GPC with the default policy (OptOut) | GPC with OptOutAndDenyConsent.
    // A GPC signal under the Ignore policy reads exactly like "no signal" (checked below).
    private static readonly (TransmissionMeasure? Measure, RecordedDecision Recorded, TransmissionStatus NoSignal, TransmissionStatus Gpc, TransmissionStatus GpcDenies)[] StatusTable =
    [
        // Exempt information (27-12 (i), (ii)): no measure, always sent.
        (Exempt, None, S.Exempt, S.Exempt, S.Exempt),
        (Exempt, Granted, S.Exempt, S.Exempt, S.Exempt),
        (Exempt, Denied, S.Exempt, S.Exempt, S.Exempt),
        (Exempt, OptedOut, S.Exempt, S.Exempt, S.Exempt),
        (Exempt, OptedIn, S.Exempt, S.Exempt, S.Exempt),
        (Exempt, NoticeShown, S.Exempt, S.Exempt, S.Exempt),
        (Exempt, Unreadable, S.Exempt, S.Exempt, S.Exempt),

        // Published (公表): the notice page is the measure; always sent.
        (Publication, None, S.Allowed, S.Allowed, S.Allowed),
        (Publication, Granted, S.Allowed, S.Allowed, S.Allowed),
        (Publication, Denied, S.Allowed, S.Allowed, S.Allowed),
        (Publication, OptedOut, S.Allowed, S.Allowed, S.Allowed),
        (Publication, OptedIn, S.Allowed, S.Allowed, S.Allowed),
        (Publication, NoticeShown, S.Allowed, S.Allowed, S.Allowed),
        (Publication, Unreadable, S.Allowed, S.Allowed, S.Allowed),

        // Notified (通知): sent once the notice was shown; nothing else counts as showing it.
        (Notice, None, S.Pending, S.Pending, S.Pending),
        (Notice, Granted, S.Allowed, S.Allowed, S.Allowed),
        (Notice, Denied, S.Pending, S.Pending, S.Pending),
        (Notice, OptedOut, S.OptedOut, S.OptedOut, S.OptedOut), // stopped where the site let visitors stop it; stays stopped
        (Notice, OptedIn, S.Pending, S.Pending, S.Pending),
        (Notice, NoticeShown, S.Allowed, S.Allowed, S.Allowed),
        (Notice, Unreadable, S.Pending, S.Pending, S.Pending),

        // Consent (同意): needs a yes. GPC never grants; by policy it pre-sets a no.
        (Consent, None, S.Pending, S.Pending, S.Denied),
        (Consent, Granted, S.Allowed, S.Allowed, S.Allowed),
        (Consent, Denied, S.Denied, S.Denied, S.Denied),
        (Consent, OptedOut, S.Pending, S.Pending, S.Denied),
        (Consent, OptedIn, S.Pending, S.Pending, S.Denied),
        (Consent, NoticeShown, S.Pending, S.Pending, S.Denied),
        (Consent, Unreadable, S.Pending, S.Pending, S.Denied),

        // Opt-out (オプトアウト): the visitor can stop it; GPC stops it unless the visitor opted back in here.
        (OptOut, None, S.Allowed, S.OptedOut, S.OptedOut),
        (OptOut, Granted, S.Allowed, S.OptedOut, S.OptedOut),
        (OptOut, Denied, S.Allowed, S.OptedOut, S.OptedOut),
        (OptOut, OptedOut, S.OptedOut, S.OptedOut, S.OptedOut),
        (OptOut, OptedIn, S.Allowed, S.Allowed, S.Allowed),
        (OptOut, NoticeShown, S.Allowed, S.OptedOut, S.OptedOut),
        // A record that arrived but could not be read may hide a stop: wait for the banner (fail closed).
        (OptOut, Unreadable, S.Pending, S.OptedOut, S.OptedOut),
    ];

    // ── Next: what does an action record? ─────────────────────────────────────────────────────────────────────
    // A row applies when action and measure match, the recorded decision is one of Recorded (null: any), and the
    // scope is one of Scopes. Save rows also depend on the switch. Anything no row covers leaves the record unchanged.
    private static readonly ChoiceScope[] NamedOrAll = [ChoiceScope.Unlisted, ChoiceScope.Listed];
    private static readonly ChoiceScope[] AnyScope = [ChoiceScope.Unlisted, ChoiceScope.Listed, ChoiceScope.Other];
    private static readonly ChoiceScope[] NamedOnly = [ChoiceScope.Listed];
    private static readonly RecordedDecision[] NotYetShown = [None, Granted, Denied, OptedIn, Unreadable];

    private static readonly (ConsentAction Action, TransmissionMeasure? Measure, RecordedDecision[]? Recorded, ChoiceScope[] Scopes, bool? SwitchedOn, RecordedDecision Records)[] NextTable =
    [
        // 同意する: a yes to every Consent module it covers; OptOut modules stay on.
        (ConsentAction.AcceptAll, Consent, null, NamedOrAll, null, Granted),
        (ConsentAction.AcceptAll, OptOut, null, NamedOrAll, null, OptedIn),
        // 同意しない: a no to every Consent module it covers, and a stop to every OptOut module.
        (ConsentAction.RejectAll, Consent, null, NamedOrAll, null, Denied),
        (ConsentAction.RejectAll, OptOut, null, NamedOrAll, null, OptedOut),

        // A stopped Notice module resumes only when 同意する covers it; nothing else the banner does resumes it.
        (ConsentAction.AcceptAll, Notice, [OptedOut], NamedOrAll, null, NoticeShown),

        // Any answer to the banner, and the banner itself, shows the notice of every Notice module (whatever the list).
        (ConsentAction.AcceptAll, Notice, NotYetShown, AnyScope, null, NoticeShown),
        (ConsentAction.RejectAll, Notice, NotYetShown, AnyScope, null, NoticeShown),
        (ConsentAction.Save, Notice, NotYetShown, AnyScope, null, NoticeShown),
        (ConsentAction.AcknowledgeNotice, Notice, NotYetShown, AnyScope, null, NoticeShown),

        // The banner shown again after an unreadable record releases the OptOut modules it listed.
        (ConsentAction.AcknowledgeNotice, OptOut, [Unreadable], AnyScope, null, None),

        // One module at a time.
        (ConsentAction.Grant, Consent, null, NamedOrAll, null, Granted),
        (ConsentAction.Deny, Consent, null, NamedOrAll, null, Denied),
        // Withdrawal (R25): a named module is denied; without a list only what was granted is withdrawn.
        (ConsentAction.Withdraw, Consent, null, NamedOnly, null, Denied),
        (ConsentAction.Withdraw, Consent, [Granted], [ChoiceScope.Unlisted], null, Denied),
        (ConsentAction.OptOut, OptOut, null, NamedOrAll, null, OptedOut),
        (ConsentAction.OptIn, OptOut, null, NamedOrAll, null, OptedIn),

        // The settings panel: each module it listed is on or off.
        (ConsentAction.Save, Consent, null, NamedOnly, true, Granted),
        (ConsentAction.Save, Consent, null, NamedOnly, false, Denied),
        (ConsentAction.Save, OptOut, null, NamedOnly, true, OptedIn),
        (ConsentAction.Save, OptOut, null, NamedOnly, false, OptedOut),
    ];

    // With the site option that lets visitors stop Notice modules, these rows come first for a Notice module.
    private static readonly (ConsentAction Action, TransmissionMeasure? Measure, RecordedDecision[]? Recorded, ChoiceScope[] Scopes, bool? SwitchedOn, RecordedDecision Records)[] StoppableNoticeTable =
    [
        (ConsentAction.RejectAll, Notice, null, NamedOrAll, null, OptedOut),
        (ConsentAction.OptOut, Notice, null, NamedOrAll, null, OptedOut),
        (ConsentAction.OptIn, Notice, null, NamedOrAll, null, NoticeShown),
        (ConsentAction.Save, Notice, null, NamedOnly, true, NoticeShown),
        (ConsentAction.Save, Notice, null, NamedOnly, false, OptedOut),
    ];

    // ── Carry: what a stored decision counts for after the declaration changed (Act 27-12 (iv), R36) ────────────
    private static readonly (RecordedDecision Stored, RecordedDecision AfterChange)[] CarryTable =
    [
        (None, None),
        (Granted, None),         // a yes is asked again
        (Denied, Denied),        // a refusal never reverts
        (OptedOut, OptedOut),    // a stop never reverts
        (OptedIn, None),         // an opt-in after GPC is asked again
        (NoticeShown, None),     // the notice is shown again
        (Unreadable, Unreadable),
    ];

    // ── Stricter: two copies of a record; the reading that allows least wins ─────────────────────────────────────
    // Rank, most restrictive first. Decisions of one rank never meet for the same module (they belong to different measures).
    private static readonly RecordedDecision[][] Restriction =
    [
        [Denied, OptedOut],
        [Unreadable],
        [None],
        [Granted, OptedIn, NoticeShown],
    ];

    [Fact]
    public void R36_Carry_matches_the_table()
    {
        CarryTable.Select(r => r.Stored).Order().Should().Equal(Decisions.Order(), "one row per decision");
        foreach (var (stored, afterChange) in CarryTable)
        {
            ConsentRules.Carry(stored, declarationChanged: false).Should().Be(stored, "an unchanged declaration keeps every decision");
            ConsentRules.Carry(stored, declarationChanged: true).Should().Be(afterChange, $"{stored} after a material change");
        }
    }

    [Fact]
    public void Stricter_matches_the_table()
    {
        Restriction.SelectMany(r => r).Order().Should().Equal(Decisions.Order(), "every decision has a rank");
        for (var i = 0; i < Restriction.Length; i++)
        {
            for (var j = 0; j < Restriction.Length; j++)
            {
                if (i == j)
                {
                    continue;
                }

                foreach (var a in Restriction[i])
                {
                    foreach (var b in Restriction[j])
                    {
                        var expected = i < j ? a : b;
                        ConsentRules.Stricter(a, b).Should().Be(expected, $"{a} against {b}");
                    }
                }
            }
        }
    }

    // Recorded decisions travel as their names: the enum is internal and test methods are public.
    public static TheoryData<TransmissionMeasure?, string> StatusCells()
    {
        var data = new TheoryData<TransmissionMeasure?, string>();
        foreach (var measure in Measures)
        {
            foreach (var decision in Decisions)
            {
                data.Add(measure, decision.ToString());
            }
        }

        return data;
    }

    public static TheoryData<ConsentAction, TransmissionMeasure?> NextCells()
    {
        var data = new TheoryData<ConsentAction, TransmissionMeasure?>();
        foreach (var action in Enum.GetValues<ConsentAction>())
        {
            foreach (var measure in Measures)
            {
                data.Add(action, measure);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatusCells))]
    public void Status_matches_the_table(TransmissionMeasure? measure, string recordedName)
    {
        var recorded = Enum.Parse<RecordedDecision>(recordedName);
        var row = StatusTable.Should().ContainSingle(r => r.Measure == measure && r.Recorded == recorded, "the table has exactly one row per measure and decision").Subject;
        ConsentRules.Status(measure, recorded, gpc: false, GpcPolicy.OptOut).Should().Be(row.NoSignal, "without a privacy signal");
        ConsentRules.Status(measure, recorded, gpc: false, GpcPolicy.OptOutAndDenyConsent).Should().Be(row.NoSignal, "a policy alone changes nothing");
        ConsentRules.Status(measure, recorded, gpc: true, GpcPolicy.Ignore).Should().Be(row.NoSignal, "an ignored signal changes nothing");
        ConsentRules.Status(measure, recorded, gpc: true, GpcPolicy.OptOut).Should().Be(row.Gpc, "with GPC under the default policy");
        ConsentRules.Status(measure, recorded, gpc: true, GpcPolicy.OptOutAndDenyConsent).Should().Be(row.GpcDenies, "with GPC under OptOutAndDenyConsent");
    }

    [Theory]
    [MemberData(nameof(NextCells))]
    public void Next_matches_the_table(ConsentAction action, TransmissionMeasure? measure)
    {
        var mismatches = new List<string>();
        foreach (var recorded in Decisions)
        {
            foreach (var scope in Scopes)
            {
                foreach (var switchedOn in new[] { false, true })
                {
                    foreach (var stoppable in new[] { false, true })
                    {
                        var expected = Expected(action, measure, recorded, scope, switchedOn, stoppable);
                        var actual = ConsentRules.Next(action, measure, recorded, scope, switchedOn, stoppable);
                        if (expected != actual)
                        {
                            mismatches.Add($"recorded {recorded}, scope {scope}, switched on {switchedOn}, notice stoppable {stoppable}: expected {expected?.ToString() ?? "unchanged"}, got {actual?.ToString() ?? "unchanged"}");
                        }
                    }
                }
            }
        }

        mismatches.Should().BeEmpty($"{action} on a {measure?.ToString() ?? "exempt"} module must follow the table");
    }

    [Fact]
    public void Every_row_of_the_next_table_is_reachable()
    {
        // A row shadowed by another would pin nothing.
        foreach (var (row, stoppable) in NextTable.Select(r => (r, false)).Concat(StoppableNoticeTable.Select(r => (r, true))))
        {
            var covered = from recorded in row.Recorded ?? Decisions
                          from scope in row.Scopes
                          from switchedOn in row.SwitchedOn is { } s ? [s] : new[] { false, true }
                          select Expected(row.Action, row.Measure, recorded, scope, switchedOn, stoppable);
            covered.Should().Contain(row.Records, $"row {row.Action} × {row.Measure} must decide something");
        }
    }

    [Fact]
    public void R36_NothingTheVisitorDidNotAskForIsRecorded()
    {
        // No action ever touches an exempt or published module, and no action grants without a yes.
        foreach (var action in Enum.GetValues<ConsentAction>())
        {
            foreach (var recorded in Decisions)
            {
                foreach (var scope in Scopes)
                {
                    ConsentRules.Next(action, Exempt, recorded, scope, true).Should().BeNull();
                    ConsentRules.Next(action, Publication, recorded, scope, true).Should().BeNull();
                    if (action is not (ConsentAction.AcceptAll or ConsentAction.Grant or ConsentAction.Save))
                    {
                        ConsentRules.Next(action, Consent, recorded, scope, true).Should().NotBe(Granted, $"{action} is not a yes");
                    }
                }
            }
        }
    }

    [Fact]
    public void R36_AStoppedNoticeModuleResumesOnlyOnTheVisitorsOwnYes()
    {
        // Rule 1: showing the banner again, or a site switching the option off, never undoes a stop.
        foreach (var action in Enum.GetValues<ConsentAction>())
        {
            foreach (var scope in Scopes)
            {
                foreach (var stoppable in new[] { false, true })
                {
                    foreach (var switchedOn in new[] { false, true })
                    {
                        var next = ConsentRules.Next(action, Notice, OptedOut, scope, switchedOn, stoppable);
                        var yes = scope != ChoiceScope.Other && (action == ConsentAction.AcceptAll
                            || (stoppable && action == ConsentAction.OptIn)
                            || (stoppable && action == ConsentAction.Save && scope == ChoiceScope.Listed && switchedOn));
                        if (!yes)
                        {
                            (next ?? OptedOut).Should().Be(OptedOut, $"{action}, scope {scope}, stoppable {stoppable}, switched on {switchedOn}");
                        }
                    }
                }
            }
        }
    }

    private static RecordedDecision? Expected(ConsentAction action, TransmissionMeasure? measure, RecordedDecision recorded, ChoiceScope scope, bool switchedOn, bool noticeStoppable)
    {
        foreach (var row in noticeStoppable ? StoppableNoticeTable.Concat(NextTable) : NextTable)
        {
            if (row.Action == action && row.Measure == measure && (row.Recorded is null || row.Recorded.Contains(recorded))
                && row.Scopes.Contains(scope) && (row.SwitchedOn is null || row.SwitchedOn == switchedOn))
            {
                return row.Records;
            }
        }

        return null;
    }
}
