namespace ConsentKit;

/// <summary>What the record holds for one module. Stored as one byte; unknown values read as <see cref="None"/>.</summary>
internal enum RecordedDecision : byte
{
    None = 0,
    Granted = 1,
    Denied = 2,
    OptedOut = 3,
    OptedIn = 4,
    NoticeShown = 5,
}
