namespace ConsentKit;

/// <summary>What the record holds for one module. Stored in three bits; unknown values read as <see cref="None"/>.</summary>
internal enum RecordedDecision : byte
{
    None = 0,
    Granted = 1,
    Denied = 2,
    OptedOut = 3,
    OptedIn = 4,
    NoticeShown = 5,

    /// <summary>
    /// Never stored: a record cookie arrived but could not be read (lost keys, tampering, an old version), so an
    /// earlier opt-out may be hidden. An OptOut module waits until the banner has been shown again (fail closed).
    /// </summary>
    Unreadable = 6,
}
