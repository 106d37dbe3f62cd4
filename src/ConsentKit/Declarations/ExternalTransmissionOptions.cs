using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// Everything a site declares about its external transmissions, plus how ConsentKit records the visitor's
/// choices. Bound from the <c>ConsentKit</c> configuration section and from code; validated at startup and
/// immutable afterwards.
/// </summary>
public sealed class ExternalTransmissionOptions
{
    /// <summary>The default configuration section name.</summary>
    public const string SectionName = "ConsentKit";

    /// <summary>The default path of the notice page.</summary>
    public const string DefaultNoticePath = "/external-transmission";

    internal List<DeclarationProblem> ConfigurationProblems { get; } = [];

    /// <summary>The site operator (電気通信事業者 or 第三号事業を営む者).</summary>
    public OperatorDeclaration Operator { get; set; } = new();

    /// <summary>Path of the notice page (公表). Default <c>/external-transmission</c>.</summary>
    public string NoticePath { get; set; } = DefaultNoticePath;

    /// <summary>The date the declarations last changed, shown on the notice (R35).</summary>
    public DateOnly? LastUpdated { get; set; }

    /// <summary>The declared modules, in declaration order.</summary>
    public IList<ModuleDeclaration> Modules { get; } = new List<ModuleDeclaration>();

    /// <summary>
    /// The texts visitors see in the banner and the notice page's controls, Japanese first and English beside it; any
    /// one can be replaced (<c>o.Text.Ja.BannerTitle = "…"</c>, or <c>ConsentKit:Text:Ja:BannerTitle</c>).
    /// </summary>
    public VisitorTextOptions Text { get; } = new();

    /// <summary>How the visitor's choices are stored.</summary>
    public ConsentCookieOptions Cookie { get; set; } = new();

    /// <summary>
    /// Stops startup on warnings too (for example a catch-all such as 「など」 in an information item), for sites that
    /// want the strictest reading. Default <see langword="false"/>: warnings are logged once at startup.
    /// Configuration: <c>ConsentKit:TreatWarningsAsErrors</c>.
    /// </summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>
    /// Lets visitors stop Notice modules too: 「同意しない」 then stops them, the settings panel lists them, and the notice
    /// page offers 送信を停止する / 送信を再開する for each. The law asks only for a notice before these are sent, so the
    /// default is <see langword="false"/>, and the banner then says which modules keep sending after 「同意しない」.
    /// A stop recorded while this was on stays in force if the site later turns it off.
    /// Configuration: <c>ConsentKit:LetVisitorsStopNoticeModules</c>.
    /// </summary>
    public bool LetVisitorsStopNoticeModules { get; set; }

    /// <summary>How a Global Privacy Control signal is applied. Default <see cref="GpcPolicy.OptOut"/>.</summary>
    public GpcPolicy Gpc { get; set; } = GpcPolicy.OptOut;

    /// <summary>
    /// The Content-Security-Policy nonce of the current request, for the inline snippets and script tags ConsentKit
    /// emits. Code only; for example <c>o.CspNonce = ctx =&gt; ctx.Items["csp-nonce"] as string;</c>.
    /// </summary>
    public Func<Microsoft.AspNetCore.Http.HttpContext, string?>? CspNonce { get; set; }

    /// <summary>The Content Security Policy built from the declarations and each visitor's state (R34).</summary>
    public ContentSecurityPolicyOptions ContentSecurityPolicy { get; set; } = new();

    /// <summary>How the choices endpoint tells the site's own forms from another site's (cross-site request forgery).</summary>
    public ConsentFormOptions Forms { get; set; } = new();

    /// <summary>Whether a shared cache (a CDN or a proxy) may store the page a first visitor gets.</summary>
    public ConsentCachingOptions Caching { get; set; } = new();

    /// <summary>Declares a module. Declaring the same id twice is reported at startup.</summary>
    /// <param name="id">Stable id: lower-case letters, digits, '-' and '_'.</param>
    /// <param name="configure">Sets the module's items.</param>
    /// <returns>These options, for chaining.</returns>
    public ExternalTransmissionOptions AddModule(string id, Action<ModuleDeclaration> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var module = new ModuleDeclaration(id);
        configure(module);
        Modules.Add(module);
        return this;
    }

    /// <summary>
    /// Declares a module from the catalogue under the catalogue id; <paramref name="configure"/> overrides its items one by one.
    /// For example <c>o.AddModule(KnownModules.GoogleAnalytics4, m =&gt; m.WithMeasure(TransmissionMeasure.Consent))</c>.
    /// </summary>
    /// <param name="known">The catalogue entry.</param>
    /// <param name="configure">Overrides, applied after the entry.</param>
    /// <returns>These options, for chaining.</returns>
    public ExternalTransmissionOptions AddModule(KnownModule known, Action<ModuleDeclaration> configure)
    {
        ArgumentNullException.ThrowIfNull(known);
        return AddModule(known.Id, known, configure);
    }

    /// <summary>Declares a module from the catalogue as it is, under the catalogue id.</summary>
    /// <param name="known">The catalogue entry.</param>
    /// <returns>These options, for chaining.</returns>
    public ExternalTransmissionOptions AddModule(KnownModule known) => AddModule(known, static _ => { });

    /// <summary>Declares a module from the catalogue under the site's own id, for example to keep an id already in use.</summary>
    /// <param name="id">Stable id: lower-case letters, digits, '-' and '_'.</param>
    /// <param name="known">The catalogue entry.</param>
    /// <param name="configure">Overrides, applied after the entry.</param>
    /// <returns>These options, for chaining.</returns>
    public ExternalTransmissionOptions AddModule(string id, KnownModule known, Action<ModuleDeclaration> configure)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(configure);
        var module = new ModuleDeclaration(id).BasedOn(known);
        configure(module);
        Modules.Add(module);
        return this;
    }

    /// <summary>Finds a declared module by id (ordinal, case-insensitive).</summary>
    /// <param name="id">The module id.</param>
    /// <returns>The declaration, or <see langword="null"/>.</returns>
    public ModuleDeclaration? FindModule(string id)
    {
        foreach (var module in Modules)
        {
            if (string.Equals(module.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return module;
            }
        }

        return null;
    }
}

/// <summary>The site operator.</summary>
public sealed class OperatorDeclaration
{
    /// <summary>The operator's name in Japanese. Required.</summary>
    public string? Name { get; set; }

    /// <summary>The operator's name in English.</summary>
    public string? NameEn { get; set; }

    /// <summary>Where visitors can ask about the notice: an address, a form URL or a phone number.</summary>
    public string? Contact { get; set; }

    /// <summary>Host names that are the operator's own equipment. A <see cref="ExemptionBasis.FirstPartyIdentifier"/> module may contact only these.</summary>
    public IList<string> FirstPartyHosts { get; set; } = new List<string>();
}

/// <summary>
/// The first-party cookie that holds the visitor's choices, configured like <c>SessionOptions.Cookie</c> and
/// <c>AntiforgeryOptions.Cookie</c>: <see cref="CookieBuilder.SecurePolicy"/>, <see cref="CookieBuilder.SameSite"/>,
/// <see cref="CookieBuilder.Domain"/>, <see cref="CookieBuilder.Path"/>, <see cref="CookieBuilder.HttpOnly"/>. Defaults:
/// <c>.ConsentKit</c>, path <c>/</c>, host-only, <c>SameSite=Lax</c>, <c>HttpOnly</c>, <c>Secure</c> over HTTPS.
/// Over HTTPS the name carries the <c>__Host-</c> prefix, which requires path <c>/</c> and no domain; with a
/// <see cref="CookieBuilder.Domain"/> or another <see cref="CookieBuilder.Path"/> it carries <c>__Secure-</c> instead
/// (logged once at startup, event 600).
/// </summary>
public sealed class ConsentCookieOptions : CookieBuilder
{
    /// <summary>The default cookie name.</summary>
    public const string DefaultName = ".ConsentKit";

    /// <summary>Creates the default settings.</summary>
    public ConsentCookieOptions()
    {
        Name = DefaultName;
        Path = "/";
        SameSite = SameSiteMode.Lax;
        HttpOnly = true;
        SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // Records a refusal too; CookiePolicy must never suppress it.
        IsEssential = true;
    }

    /// <summary>How long a recorded choice lasts. Default 180 days. The same value as <see cref="MaxAge"/>.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long a recorded choice lasts: the same value as <see cref="Lifetime"/>.</summary>
    public override TimeSpan? MaxAge
    {
        get => Lifetime;
        set => Lifetime = value ?? TimeSpan.FromDays(180);
    }

    /// <summary>Not used: the record cookie's lifetime is <see cref="Lifetime"/>. Setting it throws.</summary>
    public override TimeSpan? Expiration
    {
        get => null;
        set => throw new InvalidOperationException(
            "ConsentKit の記録 Cookie の有効期間は Cookie.Lifetime で設定してください。 / Set the record cookie's lifetime with Cookie.Lifetime, not Expiration.");
    }
}

/// <summary>
/// How the choices endpoint refuses requests made by another site. By default it needs no token: the browser's
/// <c>Sec-Fetch-Site</c> header, or else its <c>Origin</c> header, must show the site itself (the same check as Go's
/// <c>http.CrossOriginProtection</c>), so a first visitor's page carries nothing per visitor.
/// </summary>
public sealed class ConsentFormOptions
{
    /// <summary>
    /// Also requires ASP.NET Core's antiforgery token in every form ConsentKit renders and every form post. Default
    /// <see langword="false"/>. With it on, the banner and the notice controls carry a token and an antiforgery cookie
    /// per visitor, so a first visit is no longer the same for every visitor and cannot be stored by a shared cache.
    /// Configuration: <c>ConsentKit:Forms:RequireAntiforgeryToken</c>.
    /// </summary>
    public bool RequireAntiforgeryToken { get; set; }

    /// <summary>
    /// Other origins whose pages may post choices, written as <c>https://www.example.com</c> (scheme, host and port
    /// when not the default). Default none. Configuration: <c>ConsentKit:Forms:TrustedOrigins</c>.
    /// </summary>
    public IList<string> TrustedOrigins { get; set; } = new List<string>();
}

/// <summary>Shared caching of first visits (see the caching guide).</summary>
public sealed class ConsentCachingOptions
{
    /// <summary>
    /// When set, a page for a visitor who has no ConsentKit record, and on which ConsentKit wrote nothing for this
    /// visitor alone, is sent with <c>Cache-Control: public, max-age=…</c> and <c>Vary: Cookie, Sec-GPC, Accept-Language</c>
    /// instead of <c>private</c>, so a CDN can serve it to the next first visitor. Only when the application marked the
    /// response neither private nor uncacheable, set no cookie of its own and signed nobody in. Default
    /// <see langword="null"/>: every page that reads the state is private. Configuration:
    /// <c>ConsentKit:Caching:FirstVisitMaxAge</c> (for example <c>00:05:00</c>).
    /// </summary>
    public TimeSpan? FirstVisitMaxAge { get; set; }
}
