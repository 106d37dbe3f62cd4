using System.Text.RegularExpressions;

namespace ConsentKit.Testing;

/// <summary>The three checks on one page for one visitor.</summary>
internal static partial class PageCheck
{
    // noticePath: the notice page's path as mapped (a MapGroup prefix included), not the declared one.
    public static IEnumerable<ConsentAuditFinding> Check(string html, VisitorScenario scenario, string path, ExternalTransmissionOptions declarations, ConsentAuditOptions options, string noticePath)
    {
        ConsentAuditFinding Finding(ConsentAuditRule rule, string message) => new(scenario, path, rule, message);

        // (a) R34: every external resource belongs to a declared module.
        foreach (var undeclared in ExternalTransmissionAudit.FindUndeclaredResourcesWithSuggestions(html, declarations, [.. options.AlsoAllowedHosts]))
        {
            var known = undeclared.Suggestions.Count == 0 ? "" : $" The catalogue knows this host: declare \"Known\": \"{undeclared.Suggestions[0].Id}\".";
            yield return Finding(ConsentAuditRule.UndeclaredResource,
                $"{undeclared.Url} is loaded but no module declares {undeclared.Url.IdnHost}. Declare the module that sends there, or remove the tag.{known}");
        }

        // (b) A module runnable in a state that does not allow it. A host shared with a module that is allowed is not counted.
        var emitted = new HashSet<string>(ModuleMarker().Matches(html).Select(m => m.Groups["id"].Value), StringComparer.OrdinalIgnoreCase);
        foreach (var url in ExternalTransmissionAudit.FindRunnableResources(html))
        {
            var owners = ExternalTransmissionAudit.FindModulesForHost(url.IdnHost, declarations).Select(id => declarations.FindModule(id)!).ToList();
            emitted.UnionWith(owners.Where(m => m.Exemption is null).Select(m => m.Id));
            if (owners.Count == 0 || owners.Any(m => MayRun(m, scenario)))
            {
                continue;
            }

            foreach (var module in owners)
            {
                yield return Finding(ConsentAuditRule.RunnableWithoutPermission,
                    $"module '{module.Id}' ({module.Measure}) is emitted runnable ({url}) for a visitor who has not allowed it. " +
                    $"Gate it: <script consent-module=\"{module.Id}\" …> or <consent-gate module=\"{module.Id}\">.");
            }
        }

        // (c) R11: a page that emits a module links to the notice.
        var notice = noticePath.TrimEnd('/');
        if (emitted.Count > 0 && !path.StartsWith(notice, StringComparison.Ordinal)
            && !Hrefs(html).Any(href => IsNotice(href, notice)))
        {
            yield return Finding(ConsentAuditRule.MissingNoticeLink,
                $"the page emits {string.Join(", ", emitted.Order(StringComparer.Ordinal))} but has no link to the notice ({notice}). Add <external-transmission-link /> to the layout.");
        }
    }

    /// <summary>Whether the module may send for this visitor. Notice, Publication and exempt modules may; Consent and OptOut depend on the choice.</summary>
    private static bool MayRun(ModuleDeclaration module, VisitorScenario scenario) =>
        module.Exemption is not null || module.Measure switch
        {
            TransmissionMeasure.Consent => scenario == VisitorScenario.AcceptAll,
            TransmissionMeasure.OptOut => scenario is VisitorScenario.AcceptAll or VisitorScenario.FirstVisit,
            _ => true,
        };

    /// <summary>The <c>href</c> of every link, entity-decoded.</summary>
    public static IEnumerable<string> Hrefs(string html) =>
        LinkPattern().Matches(html).Select(l => System.Net.WebUtility.HtmlDecode(l.Groups["href"].Value));

    private static bool IsNotice(string href, string notice)
    {
        var path = href.Split('?', '#')[0];
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute))
        {
            path = absolute.AbsolutePath;
        }

        return path.TrimEnd('/') == notice || (notice.Length == 0 && path == "/");
    }

    [GeneratedRegex(@"\bdata-ck-module\s*=\s*[""'](?<id>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex ModuleMarker();

    [GeneratedRegex(@"<a\b[^>]*?\bhref\s*=\s*[""'](?<href>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}
