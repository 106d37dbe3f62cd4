namespace ConsentKit;

/// <summary>
/// The measure a site takes for a module before the module makes the visitor's browser send information
/// (Telecommunications Business Act Art. 27-12).
/// </summary>
public enum TransmissionMeasure
{
    /// <summary>公表: the items are made easily knowable on the notice page (Act 27-12 main clause; Ordinance 22-2-28 (3)).</summary>
    Publication = 1,

    /// <summary>通知: the items are shown to the visitor at once, in the banner, before sending (Ordinance 22-2-28 (2)).</summary>
    Notice = 2,

    /// <summary>同意: the module sends only after the visitor's explicit consent (Act 27-12 (iii)).</summary>
    Consent = 3,

    /// <summary>オプトアウト: the module sends unless the visitor asked to stop (Act 27-12 (iv); Ordinance 22-2-31).</summary>
    OptOut = 4,
}

/// <summary>The legal basis on which a module needs no measure.</summary>
public enum ExemptionBasis
{
    /// <summary>Information truly needed to provide the service, such as for correct display (Ordinance 22-2-30 (i)).</summary>
    ServiceDelivery = 1,

    /// <summary>Information needed to show again what the visitor entered (Ordinance 22-2-30 (ii)).</summary>
    InputRedisplay = 2,

    /// <summary>Authentication information the visitor entered, shown again (Ordinance 22-2-30 (iii)).</summary>
    Authentication = 3,

    /// <summary>Detection of, or damage reduction from, fraudulent use (Ordinance 22-2-30 (iv)).</summary>
    FraudPrevention = 4,

    /// <summary>Load reduction and proper operation of the service's equipment (Ordinance 22-2-30 (v)).</summary>
    InfrastructureOperation = 5,

    /// <summary>The operator's own identifier, sent back only to the operator's own equipment (Act 27-12 (ii)).</summary>
    FirstPartyIdentifier = 6,
}

/// <summary>What an opt-out stops (Ordinance 22-2-31 (ii)).</summary>
public enum OptOutScope
{
    /// <summary>The sending of the information stops (Act 27-12 (iv) イ (1)).</summary>
    Transmission = 1,

    /// <summary>The recipient stops using information already sent (Act 27-12 (iv) イ (2)).</summary>
    Use = 2,
}

/// <summary>What kind of module this is. Some categories can never claim a 22-2-30 exemption.</summary>
public enum ModuleCategory
{
    /// <summary>Access analysis and measurement.</summary>
    Analytics = 1,

    /// <summary>Advertising delivery and measurement of advertising effect.</summary>
    Advertising = 2,

    /// <summary>Social network buttons, sharing widgets and conversion tags.</summary>
    Social = 3,

    /// <summary>Embedded third-party content: video, maps, posts.</summary>
    Embed = 4,

    /// <summary>Features the visitor uses: chat, search, comments.</summary>
    Functional = 5,

    /// <summary>Fraud and bot detection, security.</summary>
    Security = 6,

    /// <summary>Delivery infrastructure: CDN, load balancing, fonts.</summary>
    Infrastructure = 7,

    /// <summary>A/B testing and content personalisation.</summary>
    Experimentation = 8,
}

/// <summary>How a request's Global Privacy Control signal (<c>Sec-GPC: 1</c>) is applied.</summary>
public enum GpcPolicy
{
    /// <summary>The signal is ignored.</summary>
    Ignore = 0,

    /// <summary>Default. The signal counts as an opt-out for every OptOut module. It never grants anything.</summary>
    OptOut = 1,

    /// <summary>The signal also pre-sets a denial for Consent modules the visitor has not decided on.</summary>
    OptOutAndDenyConsent = 2,
}
