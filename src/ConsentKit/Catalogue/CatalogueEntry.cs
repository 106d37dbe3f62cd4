using System.Text.Json.Serialization;

namespace ConsentKit;

/// <summary>One catalogue entry as stored in <c>Catalogue/Entries/{id}.json</c> (schema: <c>catalogue.schema.json</c>).</summary>
internal sealed class CatalogueEntry
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public string? Id { get; set; }
    public CatalogueText? Name { get; set; }
    public ModuleCategory? Category { get; set; }
    public CatalogueRecipient? Recipient { get; set; }
    public List<CatalogueText>? Information { get; set; }
    public CataloguePurpose? Purpose { get; set; }
    public TransmissionMeasure? SuggestedMeasure { get; set; }
    public CatalogueExemption? SuggestedExemption { get; set; }
    public CatalogueOptOut? OptOut { get; set; }
    public string? VendorOptOutUrl { get; set; }
    public List<string>? Hosts { get; set; }
    public List<string>? Cookies { get; set; }
    public List<string>? ConsentModeTypes { get; set; }
    public List<string>? Sources { get; set; }
    public string? Checked { get; set; }
    public string? Notes { get; set; }
}

/// <summary>A text in Japanese and English.</summary>
internal sealed class CatalogueText
{
    public string? Ja { get; set; }
    public string? En { get; set; }
}

internal sealed class CatalogueRecipient
{
    public CatalogueText? Name { get; set; }
    public CatalogueText? Service { get; set; }
    public string? PrivacyPolicyUrl { get; set; }
}

internal sealed class CataloguePurpose
{
    public CatalogueText? Operator { get; set; }
    public CatalogueText? Recipient { get; set; }
}

internal sealed class CatalogueExemption
{
    public ExemptionBasis? Basis { get; set; }
    public CatalogueText? Reason { get; set; }
}

internal sealed class CatalogueOptOut
{
    public CatalogueText? Limitations { get; set; }
}

/// <summary>Source-generated JSON for the catalogue entries: no reflection, trimming-safe. A misspelt property is an error.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CatalogueEntry))]
internal sealed partial class CatalogueJsonContext : JsonSerializerContext
{
}
