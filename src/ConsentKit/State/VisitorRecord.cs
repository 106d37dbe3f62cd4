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
    /// <see cref="StatusViews"/>' key for these decisions, shared by every request that read the same verified value
    /// today, so finding the view builds no string; dropped by any change.
    /// </summary>
    public string? VectorKey { get; private set; }

    public void Set(int index, RecordedDecision decision, ushort day)
    {
        Decisions[index] = decision;
        Days[index] = day;
        VectorKey = null;
    }

    /// <summary>A copy this request may change; it shares the vector key until it does.</summary>
    /// <summary>A copy to remember: the vector key is computed once here, for every request that copies it later.</summary>
    public VisitorRecord CopyToRemember()
    {
        var copy = CopyForRequest();
        copy.VectorKey = StatusViews.KeyOf(Decisions);
        return copy;
    }

    public VisitorRecord CopyForRequest()
    {
        var copy = new VisitorRecord(Decisions.Length)
        {
            Receipt = Receipt,
            Flags = Flags,
            NeedsRewrite = NeedsRewrite,
            VectorKey = VectorKey,
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
        VectorKey = null;
    }
}
