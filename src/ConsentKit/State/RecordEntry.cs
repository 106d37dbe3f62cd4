namespace ConsentKit;

/// <summary>Why a record cookie was not accepted. Each reads as "no decision", never as a grant.</summary>
internal enum RecordFailure
{
    None = 0,
    Oversize,
    NotBase64,
    Tampered,
    Truncated,
    UnknownVersion,
    FromTheFuture,

    /// <summary>Protected with a key this application no longer has: the key ring was lost or not shared.</summary>
    UnknownKey,
}

/// <summary>
/// One module's entry: a 22-bit hash of the module id, a 12-bit tag of the declaration decided on, the decision and
/// its day (days since 2020-01-01).
/// </summary>
internal readonly record struct RecordEntry(uint IdKey, ushort DeclarationTag, RecordedDecision Decision, ushort Day)
{
    public static RecordEntry For(ModuleDescriptor module, RecordedDecision decision, ushort day) =>
        new(module.IdKey, module.DeclarationTag, decision, day);
}
