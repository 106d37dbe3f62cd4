using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ConsentKit;

/// <summary>
/// Reads the <c>ConsentKit</c> configuration section onto the options. Unlike the reflection binder it never throws:
/// a misspelt key or an unknown enum value becomes a <see cref="DeclarationProblem"/>, so every mistake in
/// appsettings.json is reported at once, by path, and a typo cannot silently drop a legal item.
/// </summary>
internal static partial class DeclarationConfigurationReader
{
    private const string Citation = "ConsentKit configuration";

    public static void Apply(IConfiguration root, ExternalTransmissionOptions options)
    {
        if (root is IConfigurationSection section ? !section.Exists() : !root.GetChildren().Any())
        {
            return;
        }

        var problems = options.ConfigurationProblems;
        foreach (var child in root.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "OPERATOR":
                    ReadOperator(child, options.Operator, problems);
                    break;
                case "NOTICEPATH":
                    options.NoticePath = child.Value ?? options.NoticePath;
                    break;
                case "LASTUPDATED":
                    if (DateOnly.TryParseExact(child.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        options.LastUpdated = date;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "a date written as YYYY-MM-DD"));
                    }

                    break;
                case "GPC":
                    if (TryEnum<GpcPolicy>(child, problems, out var gpc))
                    {
                        options.Gpc = gpc;
                    }

                    break;
                case "COOKIE":
                    ReadCookie(child, options.Cookie, problems);
                    break;
                case "TEXT":
                    // ConsentKit:Text:Ja:BannerTitle; an unknown language or key is reported by the validator.
                    foreach (var language in child.GetChildren())
                    {
                        foreach (var text in language.GetChildren())
                        {
                            options.Text.Overrides[language.Key + ":" + text.Key] = text.Value ?? "";
                        }
                    }

                    break;
                case "MODULES":
                    foreach (var moduleSection in child.GetChildren())
                    {
                        var module = options.FindModule(moduleSection.Key);
                        if (module is null)
                        {
                            module = new ModuleDeclaration(moduleSection.Key);
                            options.Modules.Add(module);
                        }

                        ReadModule(moduleSection, module, problems);
                    }

                    break;
                case "TREATWARNINGSASERRORS":
                    if (bool.TryParse(child.Value, out var strict))
                    {
                        options.TreatWarningsAsErrors = strict;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "true or false"));
                    }

                    break;
                case "LETVISITORSSTOPNOTICEMODULES":
                    if (bool.TryParse(child.Value, out var stoppable))
                    {
                        options.LetVisitorsStopNoticeModules = stoppable;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "true or false"));
                    }

                    break;
                case "CONTENTSECURITYPOLICY":
                    ReadPolicy(child, options.ContentSecurityPolicy, problems);
                    break;
                case "FORMS":
                    ReadForms(child, options.Forms, problems);
                    break;
                case "CACHING":
                    ReadCaching(child, options.Caching, problems);
                    break;
                case "STORE":
                    // ConsentKit:Store belongs to the consent store package (ConsentKit.EntityFrameworkCore), which validates it.
                    break;
                default:
                    problems.Add(Unknown(child));
                    break;
            }
        }
    }

    private static void ReadModule(IConfigurationSection section, ModuleDeclaration module, List<DeclarationProblem> problems)
    {
        // The catalogue entry is applied first, whatever the key order, so every other key overrides it item by item.
        var known = section.GetSection(KnownModules.ConfigurationKey);
        if (known.Value is { } knownId)
        {
            if (KnownModules.Find(knownId) is { } entry)
            {
                module.BasedOn(entry);
            }
            else
            {
                problems.Add(UnknownCatalogueId(known, knownId));
            }
        }

        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, KnownModules.ConfigurationKey, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            switch (child.Key.ToUpperInvariant())
            {
                case "ID":
                    problems.Add(new DeclarationProblem(module.Id, "モジュールID", "module id", $"is the configuration key and cannot be set at '{child.Path}'", Citation));
                    break;
                case "HOSTKINDS": ReadHostKinds(child, module, problems); break;
                case "NAME": module.Name = child.Value; break;
                case "NAMEEN": module.NameEn = child.Value; break;
                case "CATEGORY":
                    if (TryEnum<ModuleCategory>(child, problems, out var category))
                    {
                        module.Category = category;
                    }

                    break;
                case "RECIPIENT": ReadRecipient(child, module.Recipient, problems); break;
                case "INFORMATION": ReadList(child, module.Information); break;
                case "INFORMATIONEN": ReadList(child, module.InformationEn); break;
                case "PURPOSE": ReadPurpose(child, module.Purpose, problems); break;
                case "MEASURE":
                    if (TryEnum<TransmissionMeasure>(child, problems, out var measure))
                    {
                        module.Measure = measure;
                    }

                    break;
                case "OPTOUT":
                    module.OptOut ??= module.Known?.CreateOptOut() ?? new OptOutDeclaration();
                    ReadOptOut(child, module.OptOut, problems);
                    break;
                case "EXEMPTION":
                    module.Exemption ??= new ExemptionDeclaration();
                    ReadExemption(child, module.Exemption, problems);
                    break;
                case "HOSTS": ReadList(child, module.Hosts); break;
                case "COOKIES": ReadList(child, module.Cookies); break;
                case "CONSENTMODETYPES": ReadList(child, module.ConsentModeTypes); break;
                case "ORDER":
                    if (int.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var order))
                    {
                        module.Order = order;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "a whole number"));
                    }

                    break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }

    /// <summary>A list is either an array (<c>Key:0</c>, <c>Key:1</c>) or a single value; configuration replaces code.</summary>
    private static void ReadList(IConfigurationSection section, IList<string> target)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0 && section.Value is null)
        {
            return;
        }

        target.Clear();
        if (children.Count == 0)
        {
            target.Add(section.Value!);
            return;
        }

        // Array keys arrive sorted as strings ("10" before "2"); order them as numbers.
        foreach (var child in children.OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
        {
            if (!string.IsNullOrEmpty(child.Value))
            {
                target.Add(child.Value);
            }
        }
    }

    private static bool TryEnum<TEnum>(IConfigurationSection section, List<DeclarationProblem> problems, out TEnum value)
        where TEnum : struct, Enum
    {
        var text = section.Value?.Trim();
        // Enum.TryParse also accepts numbers ("42"); a declaration must name the value.
        if (!string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && text[0] != '-'
            && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value))
        {
            return true;
        }

        value = default;
        problems.Add(Invalid(section, "one of " + string.Join(", ", Enum.GetNames<TEnum>())));
        return false;
    }

    private static DeclarationProblem UnknownCatalogueId(IConfigurationSection section, string id)
    {
        var close = KnownModules.SuggestIds(id);
        var hint = close.Count > 0
            ? "did you mean " + string.Join(" or ", close.Select(c => $"'{c}'")) + "?"
            : "see docs/en/catalogue.md for the ids";
        return new(ModuleIdOf(section), "カタログのモジュール", "catalogue entry", $"'{id}' at '{section.Path}' is not in the catalogue; {hint}", Citation);
    }

    private static DeclarationProblem Unknown(IConfigurationSection section) =>
        new(ModuleIdOf(section), "不明な設定", "unknown setting", $"'{section.Path}' is not a ConsentKit setting; check its spelling", Citation);

    private static DeclarationProblem Invalid(IConfigurationSection section, string expected) =>
        new(ModuleIdOf(section), "設定値", "value", $"'{section.Value}' at '{section.Path}' is not valid; expected {expected}", Citation);

    private static string? ModuleIdOf(IConfigurationSection section)
    {
        // Path: ConsentKit:Modules:{id}:...
        var parts = section.Path.Split(':');
        for (var i = 0; i < parts.Length - 2; i++)
        {
            if (string.Equals(parts[i], "Modules", StringComparison.OrdinalIgnoreCase))
            {
                return parts[i + 1];
            }
        }

        return null;
    }
}
