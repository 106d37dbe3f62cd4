using System.Globalization;

namespace ConsentKit;

/// <summary>
/// A catalogue entry: a module common on Japanese sites, with its Art. 27-12 items written out in Japanese and English
/// from the vendor's public documentation, the hosts and cookies it uses, and the date the facts were checked.
/// Use it as it is or override item by item:
/// <code>o.AddModule(KnownModules.GoogleAnalytics4, m =&gt; m.WithMeasure(TransmissionMeasure.Consent));</code>
/// The entry is a starting point the site must review: what a tag sends depends on how the site configures it.
/// </summary>
public sealed class KnownModule
{
    private readonly CatalogueEntry _entry;

    internal KnownModule(CatalogueEntry entry)
    {
        _entry = entry;
        Id = entry.Id ?? throw new InvalidDataException("A catalogue entry has no id.");
        Name = entry.Name?.Ja ?? Id;
        NameEn = entry.Name?.En ?? Name;
        Category = entry.Category ?? throw new InvalidDataException($"Catalogue entry '{Id}' has no category.");
        RecipientName = entry.Recipient?.Name?.Ja ?? throw new InvalidDataException($"Catalogue entry '{Id}' has no recipient.");
        Hosts = Array.AsReadOnly((entry.Hosts ?? []).ToArray());
        Sources = Array.AsReadOnly((entry.Sources ?? []).ToArray());
        Checked = DateOnly.ParseExact(entry.Checked ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The catalogue id in kebab case, for example <c>google-analytics-4</c>; also the configuration value of <c>Known</c>.</summary>
    public string Id { get; }

    /// <summary>Display name in Japanese.</summary>
    public string Name { get; }

    /// <summary>Display name in English.</summary>
    public string NameEn { get; }

    /// <summary>The category.</summary>
    public ModuleCategory Category { get; }

    /// <summary>The recipient's legal name as the vendor's Japanese privacy policy gives it.</summary>
    public string RecipientName { get; }

    /// <summary>The measure the catalogue suggests, or <see langword="null"/> when it suggests an exemption instead.</summary>
    public TransmissionMeasure? SuggestedMeasure => _entry.SuggestedMeasure;

    /// <summary>The exemption the catalogue suggests instead of a measure, if any.</summary>
    public ExemptionBasis? SuggestedExemption => _entry.SuggestedExemption?.Basis;

    /// <summary>The vendor's own opt-out page, where the visitor can stop the vendor's use of the information.</summary>
    public string? VendorOptOutUrl => _entry.VendorOptOutUrl;

    /// <summary>Host names the module contacts, taken from the vendor's documented snippet and documentation.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>The vendor documentation the entry was written from.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The date the entry's facts were last checked against <see cref="Sources"/>.</summary>
    public DateOnly Checked { get; }

    /// <summary>What could not be verified, and anything the site should check for itself.</summary>
    public string? Notes => _entry.Notes;

    internal CatalogueEntry Entry => _entry;

    /// <summary>Creates a declaration holding every item of this entry, for a site to change item by item.</summary>
    /// <param name="id">The module id; the catalogue id when <see langword="null"/>.</param>
    /// <returns>A new declaration; changing it never changes the catalogue.</returns>
    public ModuleDeclaration CreateDeclaration(string? id = null) => new ModuleDeclaration(id ?? Id).BasedOn(this);

    /// <summary>The opt-out items the entry gives when the site chooses <see cref="TransmissionMeasure.OptOut"/>:
    /// ConsentKit's own controls stop the sending.</summary>
    internal OptOutDeclaration CreateOptOut() => new()
    {
        Stops = OptOutScope.Transmission,
        Limitations = _entry.OptOut?.Limitations?.Ja ?? "なし",
        LimitationsEn = _entry.OptOut?.Limitations?.En ?? "None",
    };

    internal ExemptionDeclaration? CreateExemption() => _entry.SuggestedExemption is { } e
        ? new ExemptionDeclaration { Basis = e.Basis, Reason = e.Reason?.Ja, ReasonEn = e.Reason?.En }
        : null;

    /// <summary>The id.</summary>
    /// <returns>The catalogue id.</returns>
    public override string ToString() => Id;
}
