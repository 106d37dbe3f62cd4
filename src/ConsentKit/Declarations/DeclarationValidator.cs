using System.Text.RegularExpressions;

namespace ConsentKit;

/// <summary>
/// Checks declarations against the external transmission rule. Every problem is reported, not only the first,
/// each naming the module, the item in Japanese and English, and the article. Runs at startup through
/// <c>ValidateOnStart</c>; also callable from a test or a build step.
/// </summary>
public static partial class DeclarationValidator
{
    private const string ConfigCitation = "ConsentKit configuration";

    private static readonly HashSet<string> KnownConsentModeTypes = new(StringComparer.Ordinal)
    {
        "ad_storage", "ad_user_data", "ad_personalization", "analytics_storage",
        "functionality_storage", "personalization_storage", "security_storage",
    };

    /// <summary>The problems that stop startup: every error, and the warnings too under <see cref="ExternalTransmissionOptions.TreatWarningsAsErrors"/>.</summary>
    /// <param name="options">The options that were checked.</param>
    /// <param name="problems">What <see cref="Validate"/> found.</param>
    /// <returns>The blocking problems; empty when the declarations can be used.</returns>
    public static IReadOnlyList<DeclarationProblem> Blocking(ExternalTransmissionOptions options, IReadOnlyList<DeclarationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Where(p => p.Severity == DeclarationSeverity.Error || options.TreatWarningsAsErrors).ToList();
    }

    /// <summary>Validates the declarations.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>Every problem found, errors and warnings (see <see cref="DeclarationProblem.Severity"/>); empty when there is nothing to say.</returns>
    public static IReadOnlyList<DeclarationProblem> Validate(ExternalTransmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<DeclarationProblem>(options.ConfigurationProblems);
        ValidateSite(options, problems);

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in options.Modules)
        {
            if (!string.IsNullOrEmpty(module.Id) && !seen.Add(module.Id))
            {
                problems.Add(new(module.Id, "モジュールID", "module id", "is declared more than once", "Ordinance 22-2-29: items are given per module"));
            }

            ValidateModule(options, module, problems);
        }

        return problems;
    }

    private static void ValidateSite(ExternalTransmissionOptions options, List<DeclarationProblem> problems)
    {
        if (IsBlank(options.Operator.Name))
        {
            problems.Add(new(null, "運営者の名称", "operator's name", "is missing", "Act 27-12: the notice names who sends"));
        }

        if (!NoticePathPattern().IsMatch(options.NoticePath ?? ""))
        {
            problems.Add(new(null, "お知らせページのパス", "notice path", $"'{options.NoticePath}' must start with '/' and contain only letters, digits, '-', '_', '.' and '/'", ConfigCitation));
        }

        foreach (var problem in VisitorTexts.Problems(options.Text))
        {
            problems.Add(new(null, "表示する文言", "visitor text", problem, "ConsentKit configuration"));
        }

        foreach (var origin in options.Forms.TrustedOrigins)
        {
            if (CrossOriginCheck.NormalizeOrigin(origin) is null)
            {
                problems.Add(new(null, "信頼する送信元", "trusted origin", $"'{origin}' is not an origin such as https://www.example.com (scheme and host, no path)", "RFC 6454"));
            }
        }

        if (options.Caching.FirstVisitMaxAge is { } maxAge && maxAge <= TimeSpan.Zero)
        {
            problems.Add(new(null, "初回表示の共有キャッシュ期間", "first-visit shared cache max-age", "must be more than zero, or unset", "RFC 9111 5.2.2.1"));
        }

        if (!CookieNamePattern().IsMatch(options.Cookie.Name ?? ""))
        {
            problems.Add(new(null, "Cookie 名", "cookie name", $"'{options.Cookie.Name}' is not a valid cookie name", "RFC 6265 4.1.1"));
        }

        if (options.Cookie.Lifetime <= TimeSpan.Zero || options.Cookie.Lifetime > TimeSpan.FromDays(400))
        {
            problems.Add(new(null, "記録の有効期間", "cookie lifetime", "must be more than zero and at most 400 days, the longest browsers keep a cookie", "RFC 6265bis 5.5"));
        }

        if (!Enum.IsDefined(options.Gpc))
        {
            problems.Add(new(null, "GPC の扱い", "GPC policy", $"'{(int)options.Gpc}' is not one of {string.Join(", ", Enum.GetNames<GpcPolicy>())}", ConfigCitation));
        }

        foreach (var host in options.Operator.FirstPartyHosts)
        {
            if (DeclarationText.NormalizeHost(host) is null)
            {
                problems.Add(new(null, "当サイトのホスト", "first-party host", $"'{host}' is not a host name", "Act 27-12 (ii)"));
            }
        }
    }

    private static void ValidateModule(ExternalTransmissionOptions options, ModuleDeclaration module, List<DeclarationProblem> problems)
    {
        var id = module.Id;
        void Add(Bilingual item, string problem, string citation) => problems.Add(new(id, item.Ja, item.En, problem, citation));

        if (!ModuleIdPattern().IsMatch(id ?? ""))
        {
            problems.Add(new(id, "モジュールID", "module id", "must be 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit", ConfigCitation));
        }

        if (IsBlank(module.Name))
        {
            Add(Terms.ModuleName, "is missing", "Ordinance 22-2-28 (1)(iii): each module must be easy to identify");
        }

        // A category is optional; without one, only the exemption rules that need it cannot apply.
        if (module.Category is { } declared && !Enum.IsDefined(declared))
        {
            Add(Terms.Category, $"'{(int)module.Category.Value}' is not a known category", ConfigCitation);
        }

        if (module.Measure is { } m && !Enum.IsDefined(m))
        {
            Add(Terms.Measure, $"'{(int)m}' is not one of {string.Join(", ", Enum.GetNames<TransmissionMeasure>())}", ConfigCitation);
        }

        ValidateInformation(module, problems);
        ValidateUrls(module, problems);
        ValidateHostsAndCookies(options, module, problems);

        if (module.Exemption is { } exemption)
        {
            ValidateExemption(options, module, exemption, problems);
            return;
        }

        if (module.Measure is null)
        {
            Add(Terms.Measure, "is missing: choose Publication, Notice, Consent or OptOut, or declare an exemption", "Act 27-12 main clause (R33)");
        }

        if (module.Information.Count == 0)
        {
            Add(Terms.Information, "is missing", "Ordinance 22-2-29 (i)");
        }

        if (IsBlank(module.Recipient.Name))
        {
            Add(Terms.RecipientName, "is missing", "Ordinance 22-2-29 (ii)");
        }

        ValidatePurpose(module.Purpose.Operator, Terms.OperatorPurpose, Add);
        ValidatePurpose(module.Purpose.Recipient, Terms.RecipientPurpose, Add);

        if (module.Measure == TransmissionMeasure.OptOut)
        {
            ValidateOptOut(module, Add);
        }
    }

    private static void ValidatePurpose(string? purpose, Bilingual item, Action<Bilingual, string, string> add)
    {
        if (IsBlank(purpose))
        {
            add(item, "is missing", "Ordinance 22-2-29 (iii)");
        }
        else if (!DeclarationText.ContainsJapanese(purpose!))
        {
            add(item, "must be written in plain Japanese; put English in the *En field", "Ordinance 22-2-28 (1)(i)");
        }
    }

    private static void ValidateOptOut(ModuleDeclaration module, Action<Bilingual, string, string> add)
    {
        if (module.OptOut is not { } optOut)
        {
            add(Terms.OptOutItems, "are missing for an opt-out module: set OptOut.Stops and OptOut.Limitations", "Ordinance 22-2-31 (i)");
            return;
        }

        if (optOut.Stops is null)
        {
            add(Terms.OptOutStops, "is missing: Transmission or Use", "Ordinance 22-2-31 (ii)");
        }
        else if (!Enum.IsDefined(optOut.Stops.Value))
        {
            add(Terms.OptOutStops, $"'{(int)optOut.Stops.Value}' is not Transmission or Use", "Ordinance 22-2-31 (ii)");
        }
        else if (optOut.Stops == OptOutScope.Use && IsBlank(optOut.Method) && IsBlank(optOut.Url))
        {
            // ConsentKit's own control stops the sending; an opt-out of use happens at the recipient.
            add(Terms.OptOutMethod, "is missing: an opt-out that stops the recipient's use needs the recipient's method or URL", "Ordinance 22-2-31 (iii)");
        }

        // A missing limitations text gets ConsentKit's default (「停止しても当サイトは引き続きご利用いただけます」).
    }

    private static void ValidateExemption(ExternalTransmissionOptions options, ModuleDeclaration module, ExemptionDeclaration exemption, List<DeclarationProblem> problems)
    {
        var id = module.Id;
        void Add(Bilingual item, string problem, string citation) => problems.Add(new(id, item.Ja, item.En, problem, citation));

        if (exemption.Basis is not { } basis || !Enum.IsDefined(basis))
        {
            Add(Terms.ExemptionBasis, $"is missing or unknown: one of {string.Join(", ", Enum.GetNames<ExemptionBasis>())}", "Ordinance 22-2-30 (R17)");
            return;
        }

        if (IsBlank(exemption.Reason))
        {
            Add(Terms.ExemptionReason, "is missing: say why the information is needed", "Ordinance 22-2-30 (R17)");
        }

        if (module.Measure is not null)
        {
            Add(Terms.Measure, "cannot be combined with an exemption: an exemption covers only what is needed, so declare the rest as a separate module", "Ordinance 22-2-30 proviso (R18)");
        }

        var category = module.Category;
        var trackingCategory = category is ModuleCategory.Analytics or ModuleCategory.Advertising or ModuleCategory.Social or ModuleCategory.Experimentation;
        if (basis != ExemptionBasis.FirstPartyIdentifier && trackingCategory)
        {
            Add(Terms.ExemptionBasis, $"{basis} cannot exempt a {category} module: the information such modules send is not needed to provide the service", "Ordinance 22-2-30 (R19)");
        }

        // An embed (a video, a map, a post) makes the browser send its own identifiers to the embed's operator; those are
        // not "information needed to display" the site's page.
        if (category == ModuleCategory.Embed && basis is ExemptionBasis.ServiceDelivery or ExemptionBasis.InputRedisplay
            && (module.Hosts.Count == 0 || module.Hosts.Any(h => !IsFirstParty(options, h))))
        {
            Add(Terms.ExemptionBasis, $"{basis} cannot exempt an Embed module served by another company: the identifiers the browser sends to it are not information needed to display this site; declare a measure instead", "Ordinance 22-2-30 (i) (R19)");
        }

        if (basis == ExemptionBasis.FirstPartyIdentifier)
        {
            if (trackingCategory)
            {
                Add(Terms.ExemptionBasis, $"FirstPartyIdentifier exempts only the identifier itself; a {category} module sends more, so it needs a measure", "Act 27-12 (ii) (R20)");
            }

            if (module.Hosts.Count == 0)
            {
                Add(Terms.Hosts, "are missing: a first-party identifier exemption must show that the identifier goes only to the operator's hosts", "Act 27-12 (ii) (R20)");
            }

            foreach (var host in module.Hosts)
            {
                if (!IsFirstParty(options, host))
                {
                    Add(Terms.Hosts, $"'{host}' is not one of the operator's FirstPartyHosts, so the identifier would leave the operator's equipment", "Act 27-12 (ii) (R20)");
                }
            }
        }
    }

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    private static bool IsFirstParty(ExternalTransmissionOptions options, string host) =>
        DeclarationText.NormalizeHost(host) is { } normal
        && options.Operator.FirstPartyHosts.Any(h => DeclarationText.NormalizeHost(h) is { } own && DeclarationText.HostMatches(own, normal));

    private static bool IsAbsoluteHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsLocalPath(string value) =>
        value.Length > 0 && value[0] == '/' && (value.Length == 1 || (value[1] != '/' && value[1] != '\\'));

    // Module ids are matched without regard to case (R10 links, configuration keys), so either case may be written.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ModuleIdPattern();

    [GeneratedRegex("^/(?:[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*)?$")]
    private static partial Regex NoticePathPattern();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex CookieNamePattern();
}
