using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ConsentKit;

/// <summary>The notice in machine-readable form (R39): the same items as the page, both languages, one document.</summary>
internal static class NoticeJsonWriter
{
    // Keeps Japanese readable; still escapes <, >, &, ' and " so the output is safe inside a script element too.
    internal static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>Writes the document; <paramref name="noticePath"/> is where the page is served (group prefix and PathBase included), the declared path by default.</summary>
    public static byte[] Write(TransmissionCatalog catalog, IReadOnlyDictionary<NoticeLanguage, string> noticeHashes, string? noticePath = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Encoder, Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", "https://consentkit.dev/schema/external-transmission-notice/v1");
            json.WriteStartObject("operator");
            WritePair(json, "name", catalog.OperatorName);
            if (catalog.OperatorContact is { } contact)
            {
                json.WriteString("contact", contact);
            }

            json.WriteEndObject();
            if (catalog.LastUpdated is { } date)
            {
                json.WriteString("lastUpdated", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            json.WriteString("noticePath", noticePath ?? catalog.NoticePath);
            json.WriteStartObject("noticeSha256");
            foreach (var (language, hash) in noticeHashes)
            {
                json.WriteString(language == NoticeLanguage.Japanese ? "ja" : "en", hash);
            }

            json.WriteEndObject();
            WriteCatalogue(json, catalog);
            json.WriteStartArray("modules");
            foreach (var m in catalog.Modules)
            {
                WriteModule(json, m);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The catalogue entries the site's modules are based on, each with its check date and the modules using it.</summary>
    private static void WriteCatalogue(Utf8JsonWriter json, TransmissionCatalog catalog)
    {
        var used = catalog.Modules.Where(m => m.Known is not null).GroupBy(m => m.Known!.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (used.Count == 0)
        {
            return;
        }

        json.WriteStartArray("catalogue");
        foreach (var entry in used)
        {
            json.WriteStartObject();
            json.WriteString("id", entry.Key);
            json.WriteString("checked", entry.First().Known!.Checked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            WriteStrings(json, "modules", entry.Select(m => m.Id).ToList());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteModule(Utf8JsonWriter json, ModuleDescriptor m)
    {
        json.WriteStartObject();
        json.WriteString("id", m.Id);
        if (m.Known is { } known)
        {
            json.WriteString("known", known.Id);
        }

        WritePair(json, "name", m.Name);
        if (m.Category is { } category)
        {
            json.WriteString("category", category.ToString());
        }
        if (m.Measure is { } measure)
        {
            json.WriteString("measure", measure.ToString());
        }

        json.WriteStartObject("recipient");
        WritePair(json, "name", m.RecipientName);
        if (m.RecipientService is { } service)
        {
            WritePair(json, "service", service);
        }

        if (m.PrivacyPolicyUrl is { } url)
        {
            json.WriteString("privacyPolicyUrl", url);
        }

        json.WriteEndObject();
        json.WriteStartArray("information");
        foreach (var item in m.Information)
        {
            json.WriteStartObject();
            json.WriteString("ja", item.Ja);
            json.WriteString("en", item.En);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (!m.IsExempt)
        {
            json.WriteStartObject("purpose");
            WritePair(json, "operator", m.OperatorPurpose);
            WritePair(json, "recipient", m.RecipientPurpose);
            json.WriteEndObject();
        }

        if (m.OptOutStops is { } stops)
        {
            json.WriteStartObject("optOut");
            json.WriteString("stops", stops.ToString());
            if (m.OptOutMethod is { } method)
            {
                WritePair(json, "method", method);
            }

            if (m.OptOutUrl is { } optOutUrl)
            {
                json.WriteString("url", optOutUrl);
            }

            if (m.OptOutLimitations is { } limits)
            {
                WritePair(json, "limitations", limits);
            }

            json.WriteEndObject();
        }

        if (m.Exemption is { } basis)
        {
            json.WriteStartObject("exemption");
            json.WriteString("basis", basis.ToString());
            json.WriteString("citation", Terms.CitationOf(basis));
            WritePair(json, "reason", m.ExemptionReason);
            json.WriteEndObject();
        }

        WriteStrings(json, "hosts", m.Hosts);
        WriteStrings(json, "cookies", m.Cookies);
        if (m.ConsentModeTypes.Count > 0)
        {
            WriteStrings(json, "consentModeTypes", m.ConsentModeTypes);
        }

        json.WriteString("fingerprint", m.FingerprintHex);
        json.WriteEndObject();
    }

    private static void WritePair(Utf8JsonWriter json, string name, Bilingual text)
    {
        json.WriteStartObject(name);
        json.WriteString("ja", text.Ja);
        json.WriteString("en", text.En);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
