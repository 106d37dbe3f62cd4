namespace ConsentKit;

/// <summary>One validated module, frozen at startup. Per-request code reads these, never the options.</summary>
internal sealed class ModuleDescriptor
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required Bilingual Name { get; init; }
    public required ModuleCategory? Category { get; init; }
    public required TransmissionMeasure? Measure { get; init; }
    public required ExemptionBasis? Exemption { get; init; }
    public required Bilingual ExemptionReason { get; init; }
    public required Bilingual RecipientName { get; init; }
    public required Bilingual? RecipientService { get; init; }
    public required string? PrivacyPolicyUrl { get; init; }
    public required IReadOnlyList<Bilingual> Information { get; init; }
    public required Bilingual OperatorPurpose { get; init; }
    public required Bilingual RecipientPurpose { get; init; }
    public required OptOutScope? OptOutStops { get; init; }
    public required Bilingual? OptOutMethod { get; init; }
    public required string? OptOutUrl { get; init; }
    public required Bilingual? OptOutLimitations { get; init; }
    public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>The placeholder summary's HTML, Japanese and with English beside it (filled on first use by <see cref="ConsentMarkup"/>).</summary>
    public string?[] SummaryHtml { get; } = new string?[2];

    /// <summary>What each of <see cref="Hosts"/> receives (same order), for the Content Security Policy.</summary>
    public required IReadOnlyList<ResourceKinds> HostKinds { get; init; }
    public required IReadOnlyList<string> Cookies { get; init; }
    public required IReadOnlyList<string> ConsentModeTypes { get; init; }

    /// <summary>The catalogue entry the declaration was based on, if any.</summary>
    public KnownModule? Known { get; init; }

    /// <summary>Hash of everything the visitor was shown about this module or that changes what it sends (see
    /// <see cref="TransmissionCatalog.ComputeFingerprint"/>). A change re-asks for this module's grant only.</summary>
    public required ulong Fingerprint { get; init; }

    /// <summary>The key of this module's entry in the record: 22 bits of SHA-256 over the lower-case id.</summary>
    public required uint IdKey { get; init; }

    /// <summary>The 12 bits of <see cref="Fingerprint"/> the record keeps to notice a changed declaration.</summary>
    public ushort DeclarationTag => (ushort)(Fingerprint >> (64 - ConsentRecordCodec.DeclarationTagBits));

    /// <summary>Whether the record can hold a decision for this module.</summary>
    public bool IsRecorded => Measure is TransmissionMeasure.Notice or TransmissionMeasure.Consent or TransmissionMeasure.OptOut;

    /// <summary>The recipient as people read it: 「Google LLC（YouTube）」 / "Google LLC (YouTube)".</summary>
    public required Bilingual RecipientLabel { get; init; }

    /// <summary>The information items in each language, ready to list.</summary>
    public required IReadOnlyList<string> InformationJa { get; init; }

    public required IReadOnlyList<string> InformationEn { get; init; }

    public IReadOnlyList<string> InformationIn(NoticeLanguage language) => language == NoticeLanguage.English ? InformationEn : InformationJa;

    public bool IsExempt => Exemption is not null;

    /// <summary>A Notice module the visitor may stop (<see cref="ExternalTransmissionOptions.LetVisitorsStopNoticeModules"/>).</summary>
    public bool IsStoppableNotice { get; init; }

    /// <summary>Whether the visitor can make a choice about this module.</summary>
    public bool IsChoosable => Measure is TransmissionMeasure.Consent or TransmissionMeasure.OptOut || IsStoppableNotice;

    public string FingerprintHex => Fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
