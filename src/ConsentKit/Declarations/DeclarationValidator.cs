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

    /// <summary>Validates the declarations.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>Every problem found; empty when the declarations can be used.</returns>
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
            if (!IsHost(host))
            {
                problems.Add(new(null, "当サイトのホスト", "first-party host", $"'{host}' is not a host name (write it without scheme or path)", "Act 27-12 (ii)"));
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

        if (module.Category is null)
        {
            Add(Terms.Category, "is missing", "R19: the category decides which exemptions are possible");
        }
        else if (!Enum.IsDefined(module.Category.Value))
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
        else if (!ContainsJapanese(purpose!))
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

        if (IsBlank(optOut.Limitations))
        {
            add(Terms.OptOutLimitations, "is missing: describe what stops working, or write 「なし」", "Ordinance 22-2-31 (iv)");
        }
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
            && (module.Hosts.Count == 0 || module.Hosts.Any(h => !options.Operator.FirstPartyHosts.Any(f => HostMatches(f, h)))))
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
                if (!options.Operator.FirstPartyHosts.Any(h => HostMatches(h, host)))
                {
                    Add(Terms.Hosts, $"'{host}' is not one of the operator's FirstPartyHosts, so the identifier would leave the operator's equipment", "Act 27-12 (ii) (R20)");
                }
            }
        }
    }

    private static void ValidateInformation(ModuleDeclaration module, List<DeclarationProblem> problems)
    {
        var id = module.Id;
        for (var i = 0; i < module.Information.Count; i++)
        {
            var item = module.Information[i];
            if (IsBlank(item))
            {
                problems.Add(new(id, Terms.Information.Ja, Terms.Information.En, $"item {i + 1} is empty", "Ordinance 22-2-29 (i)"));
                continue;
            }

            if (FindVagueTerm(item) is { } vague)
            {
                problems.Add(new(id, Terms.Information.Ja, Terms.Information.En, $"item '{item}' uses the vague term '{vague}'; list each item concretely", "Commentary on Ordinance 22-2-29 (i) (R3)"));
            }

            if (!ContainsJapanese(item))
            {
                problems.Add(new(id, Terms.Information.Ja, Terms.Information.En, $"item '{item}' must be written in plain Japanese; put English in InformationEn", "Ordinance 22-2-28 (1)(i) (R7)"));
            }
        }

        foreach (var item in module.InformationEn)
        {
            if (FindVagueTerm(item) is { } vague)
            {
                problems.Add(new(id, "送信される情報 (英語)", "information sent (English)", $"item '{item}' uses the vague term '{vague}'; list each item concretely", "Commentary on Ordinance 22-2-29 (i) (R3)"));
            }
        }

        if (module.InformationEn.Count > 0 && module.InformationEn.Count != module.Information.Count)
        {
            problems.Add(new(id, "送信される情報 (英語)", "information sent (English)", $"has {module.InformationEn.Count} items but the Japanese list has {module.Information.Count}; give one English item per Japanese item", "R38"));
        }
    }

    private static void ValidateUrls(ModuleDeclaration module, List<DeclarationProblem> problems)
    {
        var id = module.Id;
        if (!IsBlank(module.Recipient.PrivacyPolicyUrl) && !IsAbsoluteHttpUrl(module.Recipient.PrivacyPolicyUrl!))
        {
            problems.Add(new(id, Terms.PrivacyPolicy.Ja, Terms.PrivacyPolicy.En, $"'{module.Recipient.PrivacyPolicyUrl}' must be an absolute http or https URL", "R37"));
        }

        if (module.OptOut?.Url is { Length: > 0 } url && !IsAbsoluteHttpUrl(url) && !IsLocalPath(url))
        {
            problems.Add(new(id, Terms.OptOutUrl.Ja, Terms.OptOutUrl.En, $"'{url}' must be an absolute http or https URL, or a path on this site", "Ordinance 22-2-31 (iii)"));
        }
    }

    private static void ValidateHostsAndCookies(ExternalTransmissionOptions options, ModuleDeclaration module, List<DeclarationProblem> problems)
    {
        var id = module.Id;
        foreach (var host in module.Hosts)
        {
            if (!IsHost(host))
            {
                problems.Add(new(id, Terms.Hosts.Ja, Terms.Hosts.En, $"'{host}' is not a host name (write it without scheme or path; '*.' may start it)", "R34"));
            }
        }

        foreach (var cookie in module.Cookies)
        {
            var name = cookie.EndsWith('*') ? cookie[..^1] : cookie;
            if (!CookieNamePattern().IsMatch(name))
            {
                problems.Add(new(id, "Cookie 名", "cookie name", $"'{cookie}' is not a valid cookie name", "RFC 6265 4.1.1"));
            }
            else if (CookiePattern.Matches(cookie, options.Cookie.Name))
            {
                problems.Add(new(id, "Cookie 名", "cookie name", $"'{cookie}' would match ConsentKit's own cookie '{options.Cookie.Name}'", ConfigCitation));
            }
        }

        foreach (var type in module.ConsentModeTypes)
        {
            if (!KnownConsentModeTypes.Contains(type))
            {
                problems.Add(new(id, Terms.ConsentModeType.Ja, Terms.ConsentModeType.En, $"'{type}' is not one of {string.Join(", ", KnownConsentModeTypes)}", "Google Consent Mode v2"));
            }
        }
    }

    /// <summary>Finds a catch-all such as 「等」「その他」「など」 or "etc." that makes an item vague.</summary>
    internal static string? FindVagueTerm(string text)
    {
        if (text.Contains("その他", StringComparison.Ordinal))
        {
            return "その他";
        }

        var match = VagueJapanesePattern().Match(text);
        if (match.Success)
        {
            return match.Groups["term"].Value;
        }

        match = VagueEnglishPattern().Match(text);
        return match.Success ? match.Value : null;
    }

    internal static bool ContainsJapanese(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u3040' and <= '\u30FF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uFF66' and <= '\uFF9F'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    private static bool IsAbsoluteHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsLocalPath(string value) =>
        value.Length > 0 && value[0] == '/' && (value.Length == 1 || (value[1] != '/' && value[1] != '\\'));

    private static bool IsHost(string host) => HostPattern().IsMatch(host ?? "");

    internal static bool HostMatches(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // "*.example.jp" covers "www.example.jp" (and "*.example.jp" itself, handled above).
        return pattern.StartsWith("*.", StringComparison.Ordinal)
            && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            && !host.StartsWith("*.", StringComparison.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex ModuleIdPattern();

    [GeneratedRegex("^/(?:[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*)?$")]
    private static partial Regex NoticePathPattern();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex CookieNamePattern();

    [GeneratedRegex(@"^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostPattern();

    // 「等」 or 「など」 closing an item or a phrase; words such as 同等 or 平等 are not catch-alls.
    [GeneratedRegex(@"(?<![同平均上中高初対優劣])(?<term>等|など)(?=$|[、。,.・\s)）のをがはや])")]
    private static partial Regex VagueJapanesePattern();

    [GeneratedRegex(@"\betc\b\.?|\band so on\b|\band the like\b|\bamong others\b", RegexOptions.IgnoreCase)]
    private static partial Regex VagueEnglishPattern();
}
