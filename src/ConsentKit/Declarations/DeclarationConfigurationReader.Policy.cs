using Microsoft.Extensions.Configuration;

namespace ConsentKit;

/// <summary>The Content Security Policy's configuration: <c>ConsentKit:ContentSecurityPolicy</c> and each module's <c>HostKinds</c>.</summary>
internal static partial class DeclarationConfigurationReader
{
    private static void ReadPolicy(IConfigurationSection section, ContentSecurityPolicyOptions policy, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "MODE":
                    if (TryEnum<ContentSecurityPolicyMode>(child, problems, out var mode))
                    {
                        policy.Mode = mode;
                    }

                    break;
                case "WRITEHEADER":
                    if (bool.TryParse(child.Value, out var write))
                    {
                        policy.WriteHeader = write;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "true or false"));
                    }

                    break;
                default:
                    problems.Add(Unknown(child));
                    break;
            }
        }
    }

    /// <summary><c>HostKinds:{host}</c> = <c>"Script, Connect"</c>: the host is declared and receives only those kinds.</summary>
    private static void ReadHostKinds(IConfigurationSection section, ModuleDeclaration module, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var kinds = ResourceKinds.None;
            var valid = !string.IsNullOrWhiteSpace(child.Value);
            foreach (var name in (child.Value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!char.IsAsciiDigit(name[0]) && Enum.TryParse<ResourceKinds>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
                {
                    kinds |= kind;
                }
                else
                {
                    valid = false;
                }
            }

            if (valid)
            {
                module.ContactsHost(child.Key, kinds);
            }
            else
            {
                problems.Add(Invalid(child, "kinds separated by commas: " + string.Join(", ", Enum.GetNames<ResourceKinds>())));
            }
        }
    }
}
