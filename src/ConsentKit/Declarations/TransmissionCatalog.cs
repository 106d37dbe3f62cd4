using Microsoft.AspNetCore.Http;
using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ConsentKit;

/// <summary>The site's validated declarations, frozen: module descriptors in notice order, indexes, fingerprints.</summary>
internal sealed class TransmissionCatalog
{
    public TransmissionCatalog(ExternalTransmissionOptions options)
    {
        var problems = DeclarationValidator.Blocking(options, DeclarationValidator.Validate(options));
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(ExternalTransmissionOptions), problems.Select(p => p.ToString()));
        }

        OperatorName = string.IsNullOrWhiteSpace(options.Operator.NameEn)
            ? new Bilingual(options.Operator.Name!, options.Operator.Name!, EnglishMissing: true)
            : new Bilingual(options.Operator.Name!, options.Operator.NameEn);
        OperatorContact = options.Operator.Contact;
        NoticePath = options.NoticePath;
        LastUpdated = options.LastUpdated;
        Gpc = options.Gpc;
        CookieName = string.IsNullOrEmpty(options.Cookie.Name) ? ConsentCookieOptions.DefaultName : options.Cookie.Name;
        CookieLifetime = options.Cookie.Lifetime;
        CookiePath = string.IsNullOrEmpty(options.Cookie.Path) ? "/" : options.Cookie.Path;
        CookieDomain = string.IsNullOrEmpty(options.Cookie.Domain) ? null : options.Cookie.Domain;
        (TextJa, TextEn) = VisitorTexts.Freeze(options.Text);
        CookieSameSite = options.Cookie.SameSite;
        CookieHttpOnly = options.Cookie.HttpOnly;
        CookieAlwaysSecure = options.Cookie.SecurePolicy == CookieSecurePolicy.Always;
        CspNonce = options.CspNonce;
        RequireAntiforgeryToken = options.Forms.RequireAntiforgeryToken;
        TrustedOrigins = options.Forms.TrustedOrigins.Select(CrossOriginCheck.NormalizeOrigin).OfType<string>().ToFrozenSet(StringComparer.Ordinal);
        FirstVisitMaxAge = options.Caching.FirstVisitMaxAge;
        PolicyMode = options.ContentSecurityPolicy.Mode;
        WritePolicyHeader = options.ContentSecurityPolicy.WriteHeader;
        FirstPartyHosts = options.Operator.FirstPartyHosts.Select(h => DeclarationText.NormalizeHost(h)).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        NoticeFileName = NoticePath[(NoticePath.LastIndexOf('/') + 1)..];

        var ordered = options.Modules
            .Select((m, i) => (Module: m, Position: i))
            .OrderBy(x => x.Module.Exemption is null ? 0 : 1)
            .ThenBy(x => x.Module.Order)
            .ThenBy(x => x.Position)
            .Select(x => x.Module)
            .ToList();

        var modules = new ModuleDescriptor[ordered.Count];
        for (var i = 0; i < modules.Length; i++)
        {
            modules[i] = Describe(ordered[i], i, options.LetVisitorsStopNoticeModules);
        }

        Modules = modules;
        ById = modules.ToFrozenDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
        var collisions = modules.GroupBy(m => m.IdKey).Where(g => g.Count() > 1).ToList();
        if (collisions.Count > 0)
        {
            // Practically never (22 bits; about 3 in 100 sites with 500 modules): renaming one module fixes it.
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(ExternalTransmissionOptions), collisions.Select(g =>
                $"モジュール {string.Join(" と ", g.Select(m => m.Id))} の ID は記録 Cookie の中で区別できません。どちらかの ID を変えてください。 / " +
                $"Modules {string.Join(" and ", g.Select(m => m.Id))} share a record key (22-bit hash of the id); rename one of them."));
        }

        ByIdKey = modules.ToFrozenDictionary(m => m.IdKey);
        ChoosableCount = modules.Count(m => m.IsChoosable);
        RecordedCount = modules.Count(m => m.IsRecorded);
        HostPrefixAllowed = CookieDomain is null && CookiePath == "/";
    }

    public Bilingual OperatorName { get; }
    public string? OperatorContact { get; }
    public string NoticePath { get; }
    public DateOnly? LastUpdated { get; }
    public GpcPolicy Gpc { get; }
    public string CookieName { get; }
    public TimeSpan CookieLifetime { get; }
    public string CookiePath { get; }
    public string? CookieDomain { get; }

    /// <summary>The visitor-facing texts in Japanese, with the site's overrides, frozen at startup.</summary>
    public VisitorText TextJa { get; }

    /// <summary>The visitor-facing texts in English, with the site's overrides, frozen at startup.</summary>
    public VisitorText TextEn { get; }

    /// <summary>The visitor-facing texts of one language.</summary>
    public VisitorText Text(NoticeLanguage language) => language == NoticeLanguage.English ? TextEn : TextJa;

    /// <summary>The record cookie's SameSite mode (default Lax).</summary>
    public SameSiteMode CookieSameSite { get; }

    /// <summary>Whether the record cookie is HttpOnly (default yes).</summary>
    public bool CookieHttpOnly { get; }

    /// <summary>
    /// <see cref="CookieSecurePolicy.Always"/>: Secure over plain HTTP too. Over HTTPS the cookie is always Secure,
    /// whatever the policy: a record issued over HTTPS must never travel over plain HTTP, and its prefix requires it.
    /// </summary>
    public bool CookieAlwaysSecure { get; }
    public Func<Microsoft.AspNetCore.Http.HttpContext, string?>? CspNonce { get; }

    /// <summary>Forms carry ASP.NET Core's antiforgery token and the choices endpoint requires it (opt-in).</summary>
    public bool RequireAntiforgeryToken { get; }

    /// <summary>Other origins allowed to post choices, normalized (<see cref="CrossOriginCheck.NormalizeOrigin"/>).</summary>
    public FrozenSet<string> TrustedOrigins { get; }

    /// <summary>Shared caches may store a first visitor's page this long; <see langword="null"/>: never.</summary>
    public TimeSpan? FirstVisitMaxAge { get; }

    /// <summary>The declared policy mode; <see langword="null"/> means the environment's default.</summary>
    public ContentSecurityPolicyMode? PolicyMode { get; }

    public bool WritePolicyHeader { get; }

    /// <summary>The operator's own hosts, normalised.</summary>
    public IReadOnlyList<string> FirstPartyHosts { get; }

    /// <summary>The last segment of the notice path (<c>external-transmission</c>): the base of the page's relative URLs.</summary>
    public string NoticeFileName { get; }

    /// <summary>This request's CSP nonce, from the app's <see cref="ExternalTransmissionOptions.CspNonce"/>.</summary>
    public string? NonceFor(Microsoft.AspNetCore.Http.HttpContext context) => CspNonce?.Invoke(context);
    public IReadOnlyList<ModuleDescriptor> Modules { get; }
    public FrozenDictionary<string, ModuleDescriptor> ById { get; }
    public FrozenDictionary<uint, ModuleDescriptor> ByIdKey { get; }
    public int ChoosableCount { get; }

    /// <summary>How many modules the record can hold a decision for: its worst-case size.</summary>
    public int RecordedCount { get; }

    /// <summary>Host-only cookie on path <c>/</c>: the <c>__Host-</c> prefix applies over HTTPS.</summary>
    public bool HostPrefixAllowed { get; }

    /// <summary>
    /// The record cookie's name for this request. Over HTTPS it carries a prefix the browser enforces, so a sibling
    /// subdomain or a plain-HTTP response cannot plant a record: <c>__Host-</c> (host-only, path /, Secure) or, with a
    /// domain or path configured, <c>__Secure-</c>.
    /// </summary>
    public string RecordCookieName(bool https) => !https ? CookieName : (HostPrefixAllowed ? "__Host-" : "__Secure-") + CookieName;

    internal static uint IdKeyOf(string id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id.ToLowerInvariant()), hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash) >> (32 - ConsentRecordCodec.IdKeyBits);
    }

    public ModuleDescriptor? Find(string id) => ById.TryGetValue(id, out var m) ? m : null;

    private static ModuleDescriptor Describe(ModuleDeclaration m, int index, bool noticeStoppable)
    {
        static Bilingual Pair(string? ja, string? en) =>
            string.IsNullOrWhiteSpace(en) ? new(ja?.Trim() ?? "", ja?.Trim() ?? "", EnglishMissing: true) : new(ja?.Trim() ?? en.Trim(), en.Trim());
        static Bilingual? OptionalPair(string? ja, string? en) => string.IsNullOrWhiteSpace(ja) && string.IsNullOrWhiteSpace(en) ? null : Pair(ja ?? en, en);
        var hosts = m.Hosts.Select(h => (Host: DeclarationText.NormalizeHost(h)!, Kinds: m.KindsOf(h))).GroupBy(h => h.Host, StringComparer.Ordinal).ToList();

        var info = new Bilingual[m.Information.Count];
        for (var i = 0; i < info.Length; i++)
        {
            info[i] = Pair(m.Information[i], i < m.InformationEn.Count ? m.InformationEn[i] : null);
        }

        var isExempt = m.Exemption is not null;
        var recipient = Pair(m.Recipient.Name, m.Recipient.NameEn);
        var service = OptionalPair(m.Recipient.Service, m.Recipient.ServiceEn);
        return new ModuleDescriptor
        {
            RecipientLabel = service is { } sv
                ? new Bilingual(recipient.Ja + "（" + sv.Ja + "）", recipient.En + " (" + sv.En + ")")
                : recipient,
            InformationJa = Array.AsReadOnly(info.Select(i => i.Ja).ToArray()),
            InformationEn = Array.AsReadOnly(info.Select(i => i.En).ToArray()),
            Index = index,
            Id = m.Id,
            Name = Pair(m.Name, m.NameEn),
            Category = m.Category,
            Measure = isExempt ? null : m.Measure,
            IsStoppableNotice = noticeStoppable && !isExempt && m.Measure == TransmissionMeasure.Notice,
            Exemption = m.Exemption?.Basis,
            ExemptionReason = Pair(m.Exemption?.Reason, m.Exemption?.ReasonEn),
            RecipientName = recipient,
            RecipientService = service,
            PrivacyPolicyUrl = string.IsNullOrWhiteSpace(m.Recipient.PrivacyPolicyUrl) ? null : m.Recipient.PrivacyPolicyUrl.Trim(),
            Information = info,
            OperatorPurpose = Pair(m.Purpose.Operator, m.Purpose.OperatorEn),
            RecipientPurpose = Pair(m.Purpose.Recipient, m.Purpose.RecipientEn),
            OptOutStops = m.OptOut?.Stops,
            OptOutMethod = OptionalPair(m.OptOut?.Method, m.OptOut?.MethodEn),
            OptOutUrl = string.IsNullOrWhiteSpace(m.OptOut?.Url) ? null : m.OptOut!.Url!.Trim(),
            OptOutLimitations = m.Measure == TransmissionMeasure.OptOut && string.IsNullOrWhiteSpace(m.OptOut?.Limitations)
                ? DefaultOptOutLimitations
                : OptionalPair(m.OptOut?.Limitations, m.OptOut?.LimitationsEn),
            Hosts = hosts.Select(h => h.Key).ToArray(),
            HostKinds = hosts.Select(h => h.Aggregate(ResourceKinds.None, (k, x) => k | x.Kinds)).ToArray(),
            Cookies = m.Cookies.ToArray(),
            ConsentModeTypes = m.ConsentModeTypes.Distinct(StringComparer.Ordinal).ToArray(),
            Fingerprint = ComputeFingerprint(m),
            Known = m.Known,
            IdKey = IdKeyOf(m.Id),
        };
    }

    /// <summary>What an opt-out without a declared limitations text says (Ordinance 22-2-31 (iv)).</summary>
    internal static readonly Bilingual DefaultOptOutLimitations = new("停止しても当サイトは引き続きご利用いただけます。", "You can keep using this site after stopping it.");

    /// <summary>
    /// First 8 bytes of SHA-256 over everything the visitor was shown about the module or that changes what it sends,
    /// in both languages, normalised for white space: id, measure or exemption (with its reason), name, category,
    /// recipient and service, privacy policy URL, information, both purposes, the opt-out items, hosts, cookies and
    /// the Consent Mode types. Only <see cref="ModuleDeclaration.Order"/> is left out.
    /// </summary>
    internal static ulong ComputeFingerprint(ModuleDeclaration m)
    {
        var sb = new StringBuilder();
        void Field(string? value) => sb.Append(Normalize(value)).Append('\u001f');
        void List(IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                Field(value);
            }

            sb.Append('\u001e');
        }

        Field(m.Id.ToLowerInvariant());
        Field(m.Exemption is null ? m.Measure?.ToString() : "exempt:" + m.Exemption.Basis);
        Field(m.Exemption?.Reason);
        Field(m.Exemption?.ReasonEn);
        Field(m.Name);
        Field(m.NameEn);
        Field(m.Category?.ToString());
        Field(m.Recipient.Name);
        Field(m.Recipient.NameEn);
        Field(m.Recipient.Service);
        Field(m.Recipient.ServiceEn);
        Field(m.Recipient.PrivacyPolicyUrl);
        List(m.Information);
        List(m.InformationEn);
        Field(m.Purpose.Operator);
        Field(m.Purpose.OperatorEn);
        Field(m.Purpose.Recipient);
        Field(m.Purpose.RecipientEn);
        Field(m.OptOut?.Stops?.ToString());
        Field(m.OptOut?.Method);
        Field(m.OptOut?.MethodEn);
        Field(m.OptOut?.Url);
        Field(m.OptOut?.Limitations);
        Field(m.OptOut?.LimitationsEn);
        List(m.Hosts.Select(h => h.ToLowerInvariant()));
        List(m.Cookies);
        List(m.ConsentModeTypes.Distinct(StringComparer.Ordinal));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    private static string Normalize(string? value) =>
        value is null ? "" : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
