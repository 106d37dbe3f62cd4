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
}
