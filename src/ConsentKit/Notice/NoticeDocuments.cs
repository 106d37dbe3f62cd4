using System.Security.Cryptography;
using System.Text;

namespace ConsentKit;

/// <summary>One language of the notice page, precomputed: static UTF-8 segments with a slot after each
/// choosable module where the visitor's controls go.</summary>
internal sealed class NoticePage
{
    public required NoticeLanguage Language { get; init; }

    /// <summary>Static parts; <c>Segments.Length == SlotModules.Length + 1</c>.</summary>
    public required byte[][] Segments { get; init; }

    public required ModuleDescriptor[] SlotModules { get; init; }

    /// <summary>SHA-256 (hex) of the text of the notice as shown, without the visitor's controls. Goes into every consent record.</summary>
    public required string Sha256 { get; init; }

    public required string ETag { get; init; }

    /// <summary>The notice content without the page around it, for <c>&lt;external-transmission-notice&gt;</c>.</summary>
    public required string Fragment { get; init; }
}

/// <summary>The notice JSON for one notice path, with its entity tag.</summary>
internal sealed record NoticeJson(string NoticePath, byte[] Bytes, string ETag);

/// <summary>Everything the notice endpoints serve, computed once from the frozen catalog.</summary>
internal sealed class NoticeDocuments
{
    private const string SlotMarker = "\u0000ck-slot\u0000";
    private readonly string?[] _fragments = new string?[8];
    private readonly NoticeJson _declaredJson;
    private volatile NoticeJson? _lastJson;

    public NoticeDocuments(TransmissionCatalog catalog)
    {
        Catalog = catalog;
        Stylesheet = StaticAsset.Load("consentkit.css", "text/css; charset=utf-8");
        Script = StaticAsset.Load("consentkit.js", "text/javascript; charset=utf-8");

        // The page lives at {NoticePath}; its assets at {NoticePath}/assets/... Relative URLs keep PathBase working.
        var lastSegment = catalog.NoticeFileName;
        AssetsRelativeBase = lastSegment.Length == 0 ? "assets/" : lastSegment + "/assets/";
        var jsonHref = lastSegment.Length == 0 ? "index.json" : lastSegment + ".json";

        Japanese = Build(NoticeLanguage.Japanese, jsonHref);
        English = Build(NoticeLanguage.English, jsonHref);
        _declaredJson = JsonAt(catalog.NoticePath);
    }

    public TransmissionCatalog Catalog { get; }

    public NoticePage Japanese { get; }

    public NoticePage English { get; }

    /// <summary>The JSON at the declared notice path (no group prefix, no PathBase).</summary>
    public byte[] Json => _declaredJson.Bytes;

    public string JsonETag => _declaredJson.ETag;

    /// <summary>
    /// The JSON naming the path the notice is really served at. The declared path (the usual case) is precomputed;
    /// another one (a MapGroup prefix, a PathBase) is written once and kept while it stays the same.
    /// </summary>
    public NoticeJson JsonFor(string noticePath)
    {
        if (noticePath == _declaredJson.NoticePath)
        {
            return _declaredJson;
        }

        var last = _lastJson;
        if (last?.NoticePath != noticePath)
        {
            last = JsonAt(noticePath);
            _lastJson = last;
        }

        return last;
    }

    private NoticeJson JsonAt(string noticePath)
    {
        var json = NoticeJsonWriter.Write(Catalog, new Dictionary<NoticeLanguage, string>
        {
            [NoticeLanguage.Japanese] = Japanese.Sha256,
            [NoticeLanguage.English] = English.Sha256,
        }, noticePath);
        return new NoticeJson(noticePath, json, "\"" + Convert.ToHexString(SHA256.HashData(json), 0, 8).ToLowerInvariant() + "\"");
    }

    public StaticAsset Stylesheet { get; }

    public StaticAsset Script { get; }

    /// <summary>Relative from the notice page, for example <c>external-transmission/assets/</c>.</summary>
    public string AssetsRelativeBase { get; }

    public NoticePage For(NoticeLanguage language) => language == NoticeLanguage.English ? English : Japanese;

    /// <summary>The notice content for embedding, with its top heading at <paramref name="headingLevel"/> (1-4). Cached.</summary>
    public string Fragment(NoticeLanguage language, int headingLevel)
    {
        headingLevel = Math.Clamp(headingLevel, 1, 4);
        if (headingLevel == 2)
        {
            return For(language).Fragment;
        }

        var index = ((int)language * 4) + headingLevel - 1;
        var cached = Volatile.Read(ref _fragments[index]);
        if (cached is null)
        {
            var w = new HtmlWriter();
            NoticeRenderer.RenderContent(w, Catalog, language, headingLevel);
            cached = w.ToString();
            Volatile.Write(ref _fragments[index], cached);
        }

        return cached;
    }

    public StaticAsset? FindAsset(string fileName)
    {
        if (fileName.StartsWith("consentkit.", StringComparison.Ordinal))
        {
            if (fileName.EndsWith(".css", StringComparison.Ordinal))
            {
                return Stylesheet;
            }

            if (fileName.EndsWith(".js", StringComparison.Ordinal))
            {
                return Script;
            }
        }

        return null;
    }

    private NoticePage Build(NoticeLanguage language, string jsonHref)
    {
        var slots = new List<ModuleDescriptor>();
        var html = NoticeRenderer.RenderPage(Catalog, language, AssetsRelativeBase + Stylesheet.FileName, jsonHref, (w, m) =>
        {
            if (m.IsChoosable)
            {
                w.Raw(SlotMarker);
                slots.Add(m);
            }
        });

        var parts = html.Split(SlotMarker);
        var staticText = string.Concat(parts);
        var sha = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(staticText))).ToLowerInvariant();

        var fragment = new HtmlWriter();
        NoticeRenderer.RenderContent(fragment, Catalog, language, headingLevel: 2);
        return new NoticePage
        {
            Language = language,
            Segments = parts.Select(Encoding.UTF8.GetBytes).ToArray(),
            SlotModules = slots.ToArray(),
            Sha256 = sha,
            ETag = "\"" + sha[..16] + "\"",
            Fragment = fragment.ToString(),
        };
    }
}
