namespace ConsentKit;

/// <summary>The per-item checks: information, URLs, hosts, cookies, Consent Mode types.</summary>
public static partial class DeclarationValidator
{
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

            if (DeclarationText.FindVagueTerm(item) is { } vague)
            {
                problems.Add(new(id, Terms.Information.Ja, Terms.Information.En, $"item '{item}' uses the catch-all '{vague}'; list each item concretely, or give examples first as in 「閲覧履歴（閲覧日時、URLなど）」", "Commentary on Ordinance 22-2-29 (i) (R3)", DeclarationSeverity.Warning));
            }

            if (!DeclarationText.ContainsJapanese(item))
            {
                problems.Add(new(id, Terms.Information.Ja, Terms.Information.En, $"item '{item}' must be written in plain Japanese; put English in InformationEn", "Ordinance 22-2-28 (1)(i) (R7)"));
            }
        }

        foreach (var item in module.InformationEn)
        {
            if (DeclarationText.FindVagueTerm(item) is { } vague)
            {
                problems.Add(new(id, "送信される情報 (英語)", "information sent (English)", $"item '{item}' uses the catch-all '{vague}'; list each item concretely", "Commentary on Ordinance 22-2-29 (i) (R3)", DeclarationSeverity.Warning));
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
            if (DeclarationText.NormalizeHost(host) is null)
            {
                problems.Add(new(id, Terms.Hosts.Ja, Terms.Hosts.En, $"'{host}' is not a host name, origin or URL ('*.' may start it)", "R34"));
            }
        }

        foreach (var cookie in module.Cookies)
        {
            var name = cookie.EndsWith('*') ? cookie[..^1] : cookie;
            if (!CookieNamePattern().IsMatch(name))
            {
                problems.Add(new(id, "Cookie 名", "cookie name", $"'{cookie}' is not a valid cookie name", "RFC 6265 4.1.1"));
            }
            else if (CookiePattern.Matches(cookie, options.Cookie.Name ?? ""))
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
}
