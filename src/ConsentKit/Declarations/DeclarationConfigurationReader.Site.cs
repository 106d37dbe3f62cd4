using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ConsentKit;

/// <summary>The site-wide sections: <c>Operator</c>, <c>Cookie</c>, <c>Forms</c> and <c>Caching</c>.</summary>
internal static partial class DeclarationConfigurationReader
{
    private static void ReadOperator(IConfigurationSection section, OperatorDeclaration op, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "NAME": op.Name = child.Value; break;
                case "NAMEEN": op.NameEn = child.Value; break;
                case "CONTACT": op.Contact = child.Value; break;
                case "FIRSTPARTYHOSTS": ReadList(child, op.FirstPartyHosts); break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }

    private static void ReadCookie(IConfigurationSection section, ConsentCookieOptions cookie, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "NAME": cookie.Name = child.Value ?? cookie.Name; break;
                case "PATH": cookie.Path = child.Value ?? cookie.Path; break;
                case "DOMAIN": cookie.Domain = child.Value; break;
                case "SAMESITE":
                    if (Enum.TryParse<Microsoft.AspNetCore.Http.SameSiteMode>(child.Value, ignoreCase: true, out var sameSite) && Enum.IsDefined(sameSite))
                    {
                        cookie.SameSite = sameSite;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "Lax, Strict, None or Unspecified"));
                    }

                    break;
                case "SECUREPOLICY":
                    if (Enum.TryParse<Microsoft.AspNetCore.Http.CookieSecurePolicy>(child.Value, ignoreCase: true, out var secure) && Enum.IsDefined(secure))
                    {
                        cookie.SecurePolicy = secure;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "SameAsRequest, Always or None"));
                    }

                    break;
                case "HTTPONLY":
                    if (bool.TryParse(child.Value, out var httpOnly))
                    {
                        cookie.HttpOnly = httpOnly;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "true or false"));
                    }

                    break;
                case "LIFETIME":
                    if (TimeSpan.TryParse(child.Value, CultureInfo.InvariantCulture, out var lifetime))
                    {
                        cookie.Lifetime = lifetime;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "a time span such as 180.00:00:00"));
                    }

                    break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }

    private static void ReadForms(IConfigurationSection section, ConsentFormOptions forms, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "REQUIREANTIFORGERYTOKEN":
                    if (bool.TryParse(child.Value, out var require))
                    {
                        forms.RequireAntiforgeryToken = require;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "true or false"));
                    }

                    break;
                case "TRUSTEDORIGINS": ReadList(child, forms.TrustedOrigins); break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }

    private static void ReadCaching(IConfigurationSection section, ConsentCachingOptions caching, List<DeclarationProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "FIRSTVISITMAXAGE":
                    if (string.IsNullOrWhiteSpace(child.Value))
                    {
                        caching.FirstVisitMaxAge = null;
                    }
                    else if (TimeSpan.TryParse(child.Value, CultureInfo.InvariantCulture, out var maxAge) && maxAge > TimeSpan.Zero)
                    {
                        caching.FirstVisitMaxAge = maxAge;
                    }
                    else
                    {
                        problems.Add(Invalid(child, "a positive time span such as 00:05:00"));
                    }

                    break;
                default: problems.Add(Unknown(child)); break;
            }
        }
    }
}
