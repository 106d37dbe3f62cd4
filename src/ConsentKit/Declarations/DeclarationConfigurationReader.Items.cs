using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ConsentKit;

/// <summary>Reading a module's recipient, purposes, opt-out items and exemption.</summary>
internal static partial class DeclarationConfigurationReader
{
    private static void ReadRecipient(IConfigurationSection section, RecipientDeclaration recipient, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "NAME": recipient.Name = child.Value; break;
                case "NAMEEN": recipient.NameEn = child.Value; break;
                case "SERVICE": recipient.Service = child.Value; break;
                case "SERVICEEN": recipient.ServiceEn = child.Value; break;
                case "PRIVACYPOLICYURL": recipient.PrivacyPolicyUrl = child.Value; break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }

    private static void ReadPurpose(IConfigurationSection section, PurposeDeclaration purpose, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "OPERATOR": purpose.Operator = child.Value; break;
                case "OPERATOREN": purpose.OperatorEn = child.Value; break;
                case "RECIPIENT": purpose.Recipient = child.Value; break;
                case "RECIPIENTEN": purpose.RecipientEn = child.Value; break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }

    private static void ReadOptOut(IConfigurationSection section, OptOutDeclaration optOut, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "STOPS":
                    if (TryEnum<OptOutScope>(child, problems, out var stops))
                    {
                        optOut.Stops = stops;
                    }

                    break;
                case "METHOD": optOut.Method = child.Value; break;
                case "METHODEN": optOut.MethodEn = child.Value; break;
                case "URL": optOut.Url = child.Value; break;
                case "LIMITATIONS": optOut.Limitations = child.Value; break;
                case "LIMITATIONSEN": optOut.LimitationsEn = child.Value; break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }

    private static void ReadExemption(IConfigurationSection section, ExemptionDeclaration exemption, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "BASIS":
                    if (TryEnum<ExemptionBasis>(child, problems, out var basis))
                    {
                        exemption.Basis = basis;
                    }

                    break;
                case "REASON": exemption.Reason = child.Value; break;
                case "REASONEN": exemption.ReasonEn = child.Value; break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }
}
