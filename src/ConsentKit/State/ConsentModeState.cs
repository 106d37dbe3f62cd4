using System.Text;
using System.Text.Json;

namespace ConsentKit;

/// <summary>Google Consent Mode v2 state derived from module statuses: a type is granted only if every module mapped to it is allowed.</summary>
internal static class ConsentModeState
{
    public static Dictionary<string, string> Compute(TransmissionCatalog catalog, Func<ModuleDescriptor, TransmissionStatus> statusOf)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in catalog.Modules)
        {
            if (m.ConsentModeTypes.Count == 0)
            {
                continue;
            }

            var granted = statusOf(m).IsAllowed();
            foreach (var type in m.ConsentModeTypes)
            {
                result[type] = granted && (!result.TryGetValue(type, out var existing) || existing == "granted") ? "granted" : "denied";
            }
        }

        return result;
    }

    /// <summary>
    /// <c>gtag('consent','default',{…})</c> for a script element. The JSON writer escapes <c>&lt;</c>, <c>&gt;</c> and
    /// <c>&amp;</c>, so no key or value can close the element.
    /// </summary>
    public static string DefaultSnippet(IReadOnlyDictionary<string, string> state, int? waitForUpdate)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = NoticeJsonWriter.Encoder }))
        {
            json.WriteStartObject();
            foreach (var (type, value) in state)
            {
                json.WriteString(type, value);
            }

            if (waitForUpdate is > 0 and var wait)
            {
                json.WriteNumber("wait_for_update", wait);
            }

            json.WriteEndObject();
        }

        return "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag(\"consent\",\"default\"," +
            Encoding.UTF8.GetString(stream.ToArray()) + ");";
    }
}
