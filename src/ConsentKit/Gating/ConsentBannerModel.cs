namespace ConsentKit;

/// <summary>
/// What the banner shows, for a site that overrides its markup with a <c>_ConsentBanner</c> partial. Keep the forms'
/// fields (and, for the client script, the <c>data-ck-*</c> attributes) of the built-in banner. To be shown only once
/// complete, give the section the class <c>ck-whole</c> and end it with <c>&lt;span class="ck-banner-end" hidden&gt;&lt;/span&gt;</c>.
/// </summary>
public sealed class ConsentBannerModel
{
    internal ConsentBannerModel()
    {
    }

    private static readonly VisitorText DefaultJa = VisitorText.Japanese();
    private static readonly VisitorText DefaultEn = VisitorText.English();

    /// <summary>The built-in banner's Japanese texts, with the site's overrides.</summary>
    internal VisitorText TextJa { get; init; } = DefaultJa;

    /// <summary>The built-in banner's English texts, with the site's overrides.</summary>
    internal VisitorText TextEn { get; init; } = DefaultEn;

    /// <summary>The shared lists <see cref="Modules"/> and <see cref="Choosable"/> come from (they carry their template key).</summary>
    internal BannerLists? Lists { get; init; }

    /// <summary>The language the visitor prefers. The banner is always in Japanese (its module texts are Japanese);
    /// for <see cref="NoticeLanguage.English"/> it also offers English beside it (the <c>*En</c> texts), never instead.</summary>
    public required NoticeLanguage Language { get; init; }

    /// <summary>The modules the banner asks about or gives notice of: pending ones, and opt-out ones not decided yet.</summary>
    public required IReadOnlyList<ConsentBannerModule> Modules { get; init; }

    /// <summary>Every module the visitor can choose about (Consent and OptOut), for the settings panel.</summary>
    public required IReadOnlyList<ConsentBannerModule> Choosable { get; init; }

    /// <summary>The URL of the notice page, in the banner's language.</summary>
    public required string NoticeUrl { get; init; }

    /// <summary>Where the forms post.</summary>
    public required string ChoicesUrl { get; init; }

    /// <summary>The antiforgery form field name; empty unless the site requires tokens (<see cref="ConsentFormOptions.RequireAntiforgeryToken"/>). An input with an empty name is not posted.</summary>
    public required string AntiforgeryFieldName { get; init; }

    /// <summary>The antiforgery request token; empty unless the site requires tokens (<see cref="ConsentFormOptions.RequireAntiforgeryToken"/>).</summary>
    public required string AntiforgeryToken { get; init; }

    /// <summary>Where the visitor returns after a form post (this page).</summary>
    public required string ReturnUrl { get; init; }

    /// <summary>The stylesheet URL.</summary>
    public required string StylesheetUrl { get; init; }

    /// <summary>The client script URL.</summary>
    public required string ScriptUrl { get; init; }

    /// <summary>The CSP nonce for the script tag, if the app provides one.</summary>
    public string? Nonce { get; init; }

    /// <summary>
    /// The client script tag, with the endpoint, this visitor's state and the nonce. Write it once, at the end of the
    /// banner: <c>@Model.ClientScript</c>. Empty when the page already has it.
    /// </summary>
    public required Microsoft.AspNetCore.Html.IHtmlContent ClientScript { get; init; }
}

/// <summary>One module as the banner presents it.</summary>
public sealed class ConsentBannerModule
{
    internal ConsentBannerModule()
    {
    }

    /// <summary>The module id.</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The recipient's legal name, with the service name when declared.</summary>
    public required string Recipient { get; init; }

    /// <summary>The information sent.</summary>
    public required IReadOnlyList<string> Information { get; init; }

    /// <summary>The site's purpose.</summary>
    public required string OperatorPurpose { get; init; }

    /// <summary>The recipient's purpose.</summary>
    public required string RecipientPurpose { get; init; }

    /// <summary>The module's name in English (Japanese where none was declared).</summary>
    public required string NameEn { get; init; }

    /// <summary>The recipient in English.</summary>
    public required string RecipientEn { get; init; }

    /// <summary>The information sent, in English.</summary>
    public required IReadOnlyList<string> InformationEn { get; init; }

    /// <summary>Why the site sends it, in English.</summary>
    public required string OperatorPurposeEn { get; init; }

    /// <summary>The measure.</summary>
    public required TransmissionMeasure Measure { get; init; }

    /// <summary>The status on this request.</summary>
    public required TransmissionStatus Status { get; init; }
}
