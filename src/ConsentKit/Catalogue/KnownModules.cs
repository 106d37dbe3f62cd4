using System.Collections.Frozen;
using System.Text.Json;

namespace ConsentKit;

/// <summary>
/// The catalogue of well-known modules: one embedded JSON file per entry (<c>Catalogue/Entries/{id}.json</c>, schema
/// <c>docs/catalogue.schema.json</c>). In code, <c>o.AddModule(KnownModules.GoogleAnalytics4)</c>; in configuration,
/// <c>"ga4": { "Known": "google-analytics-4" }</c>.
/// </summary>
public static class KnownModules
{
    /// <summary>The configuration key that names a catalogue entry inside a module's section.</summary>
    public const string ConfigurationKey = "Known";

    private const string ResourcePrefix = "ConsentKit.Catalogue.";

    private static readonly Lazy<Loaded> Catalogue = new(Load);

    /// <summary>Every entry, ordered by id.</summary>
    public static IReadOnlyList<KnownModule> All => Catalogue.Value.Entries;

    /// <summary>Google Analytics 4 (<c>google-analytics-4</c>).</summary>
    public static KnownModule GoogleAnalytics4 => Get("google-analytics-4");

    /// <summary>Google Tag Manager (<c>google-tag-manager</c>).</summary>
    public static KnownModule GoogleTagManager => Get("google-tag-manager");

    /// <summary>Google Ads conversion tracking and remarketing (<c>google-ads</c>).</summary>
    public static KnownModule GoogleAds => Get("google-ads");

    /// <summary>Google AdSense (<c>google-adsense</c>).</summary>
    public static KnownModule GoogleAdSense => Get("google-adsense");

    /// <summary>Embedded YouTube videos (<c>youtube</c>).</summary>
    public static KnownModule YouTube => Get("youtube");

    /// <summary>Embedded Google Maps (<c>google-maps</c>).</summary>
    public static KnownModule GoogleMaps => Get("google-maps");

    /// <summary>Google reCAPTCHA (<c>recaptcha</c>).</summary>
    public static KnownModule Recaptcha => Get("recaptcha");

    /// <summary>Google Fonts (<c>google-fonts</c>).</summary>
    public static KnownModule GoogleFonts => Get("google-fonts");

    /// <summary>Meta Pixel (<c>meta-pixel</c>).</summary>
    public static KnownModule MetaPixel => Get("meta-pixel");

    /// <summary>Embedded Instagram posts (<c>instagram-embed</c>).</summary>
    public static KnownModule InstagramEmbed => Get("instagram-embed");

    /// <summary>X (formerly Twitter) pixel (<c>x-pixel</c>).</summary>
    public static KnownModule XPixel => Get("x-pixel");

    /// <summary>Embedded posts from X (formerly Twitter) (<c>x-embed</c>).</summary>
    public static KnownModule XEmbed => Get("x-embed");

    /// <summary>LINE Tag (<c>line-tag</c>).</summary>
    public static KnownModule LineTag => Get("line-tag");

    /// <summary>Yahoo! 広告 site retargeting and conversion measurement (<c>yahoo-ads</c>).</summary>
    public static KnownModule YahooAds => Get("yahoo-ads");

    /// <summary>TikTok Pixel (<c>tiktok-pixel</c>).</summary>
    public static KnownModule TikTokPixel => Get("tiktok-pixel");

    /// <summary>Microsoft Clarity (<c>microsoft-clarity</c>).</summary>
    public static KnownModule MicrosoftClarity => Get("microsoft-clarity");

    /// <summary>Microsoft Advertising Universal Event Tracking (<c>microsoft-uet</c>).</summary>
    public static KnownModule MicrosoftUet => Get("microsoft-uet");

    /// <summary>Hotjar (<c>hotjar</c>).</summary>
    public static KnownModule Hotjar => Get("hotjar");

    /// <summary>Criteo OneTag (<c>criteo</c>).</summary>
    public static KnownModule Criteo => Get("criteo");

    /// <summary>KARTE (<c>karte</c>).</summary>
    public static KnownModule Karte => Get("karte");

    /// <summary>Adobe Analytics (<c>adobe-analytics</c>).</summary>
    public static KnownModule AdobeAnalytics => Get("adobe-analytics");

    /// <summary>Embedded Vimeo videos (<c>vimeo</c>).</summary>
    public static KnownModule Vimeo => Get("vimeo");

    /// <summary>Sentry browser SDK (<c>sentry</c>).</summary>
    public static KnownModule Sentry => Get("sentry");

    /// <summary>Cloudflare Web Analytics (<c>cloudflare-web-analytics</c>).</summary>
    public static KnownModule CloudflareWebAnalytics => Get("cloudflare-web-analytics");

    /// <summary>Hatena Bookmark button (<c>hatena-bookmark</c>).</summary>
    public static KnownModule HatenaBookmark => Get("hatena-bookmark");

    /// <summary>Amazon Associates links and widgets for amazon.co.jp (<c>amazon-associates</c>).</summary>
    public static KnownModule AmazonAssociates => Get("amazon-associates");

    /// <summary>Finds an entry by its catalogue id (case-insensitive).</summary>
    /// <param name="id">The catalogue id, for example <c>google-analytics-4</c>.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    public static KnownModule? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Catalogue.Value.ById.TryGetValue(id.Trim(), out var known) ? known : null;
    }

    /// <summary>
    /// The entries whose hosts cover <paramref name="host"/>, for an audit or a CSP violation report that found a host no
    /// module declares. Several entries can share a host (Google's tags share <c>www.googletagmanager.com</c>).
    /// </summary>
    /// <param name="host">A host name, for example <c>connect.facebook.net</c>.</param>
    /// <returns>The matching entries in catalogue order; empty when the catalogue does not know the host.</returns>
    public static IReadOnlyList<KnownModule> FindByHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return Catalogue.Value.Entries.Where(e => e.Hosts.Any(h => DeclarationText.HostMatches(h, host))).ToArray();
    }

    /// <summary>Catalogue ids close to a misspelt one, closest first, for error messages.</summary>
    /// <param name="id">The id that was not found.</param>
    /// <returns>Up to three ids.</returns>
    public static IReadOnlyList<string> SuggestIds(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var wanted = id.Trim().ToLowerInvariant();
        return Catalogue.Value.Entries
            .Select(e => (e.Id, Distance: Distance(wanted, e.Id)))
            .Where(x => x.Distance <= Math.Max(3, wanted.Length / 3) || (wanted.Length >= 3 && x.Id.Contains(wanted, StringComparison.Ordinal)))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Id)
            .ToArray();
    }

    private static KnownModule Get(string id) =>
        Find(id) ?? throw new InvalidOperationException($"The catalogue entry '{id}' is missing from the ConsentKit assembly.");

    /// <summary>Levenshtein distance: insertions, deletions and substitutions each count one.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static Loaded Load()
    {
        var assembly = typeof(KnownModules).Assembly;
        var entries = new List<KnownModule>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            var entry = JsonSerializer.Deserialize(stream, CatalogueJsonContext.Default.CatalogueEntry)
                ?? throw new InvalidDataException($"Catalogue resource '{name}' is empty.");
            entries.Add(new KnownModule(entry));
        }

        entries.Sort((x, y) => string.CompareOrdinal(x.Id, y.Id));
        return new Loaded(entries.AsReadOnly(), entries.ToFrozenDictionary(e => e.Id, StringComparer.OrdinalIgnoreCase));
    }

    private sealed record Loaded(IReadOnlyList<KnownModule> Entries, FrozenDictionary<string, KnownModule> ById);
}
