namespace ConsentKit;

/// <summary>The visitor's record for this request, one slot per declared module (by catalog index).</summary>
internal sealed class VisitorRecord
{
    public VisitorRecord(int moduleCount)
    {
        Decisions = new RecordedDecision[moduleCount];
        Days = new ushort[moduleCount];
    }

    /// <summary>What each module's current declaration was decided as; <see cref="RecordedDecision.None"/> when nothing applies.</summary>
    public RecordedDecision[] Decisions { get; }

    /// <summary>The day (<see cref="ConsentRecordCodec.DayOf"/>) each decision was made.</summary>
    public ushort[] Days { get; }

    public Guid? Receipt { get; set; }

    public byte Flags { get; set; }

    /// <summary>The request carried a record cookie (readable or not).</summary>
    public bool Arrived { get; set; }

    /// <summary>The cookie holds entries that no longer count (expired, undeclared, changed declaration): write it again.</summary>
    public bool NeedsRewrite { get; set; }

    /// <summary>
    /// The status views of these decisions (without and with the privacy signal), shared by every request that read the
    /// same verified value today; dropped by any change.
    /// </summary>
    public StatusViewMemo? Views { get; private set; }

    public void Set(int index, RecordedDecision decision, ushort day)
    {
        Decisions[index] = decision;
        Days[index] = day;
        Views = null;
    }

    /// <summary>A copy this request may change; it shares the view memo until it does.</summary>
    public VisitorRecord CopyForRequest()
    {
        var copy = new VisitorRecord(Decisions.Length)
        {
            Receipt = Receipt,
            Flags = Flags,
            NeedsRewrite = NeedsRewrite,
            Views = Views ??= new StatusViewMemo(),
        };
        Decisions.CopyTo(copy.Decisions, 0);
        Days.CopyTo(copy.Days, 0);
        return copy;
    }

    /// <summary>Folds in another copy of the record: no grant that either copy lacks (<see cref="ConsentRules.Stricter"/>).</summary>
    public void MergeStricter(VisitorRecord other)
    {
        for (var i = 0; i < Decisions.Length; i++)
        {
            var stricter = ConsentRules.Stricter(Decisions[i], other.Decisions[i]);
            if (stricter != Decisions[i])
            {
                Set(i, stricter, other.Days[i]);
            }
        }

        Receipt ??= other.Receipt;
        Flags &= other.Flags;
        NeedsRewrite = true;
        Views = null;
    }
}

/// <summary>The two status views of one decision vector: without and with the privacy signal.</summary>
internal sealed class StatusViewMemo
{
    private StatusView? _plain;
    private StatusView? _withSignal;

    public StatusView For(bool gpc, Func<StatusView> compute)
    {
        ref var slot = ref gpc ? ref _withSignal : ref _plain;
        if (Volatile.Read(ref slot) is { } known)
        {
            return known;
        }

        // Two requests may both compute it; views of the same decisions are equal, either may stay.
        var view = compute();
        Volatile.Write(ref slot, view);
        return view;
    }
}
