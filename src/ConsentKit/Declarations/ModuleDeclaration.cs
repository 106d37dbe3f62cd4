namespace ConsentKit;

/// <summary>
/// One external-transmission module (情報送信指令通信): a tag, pixel, SDK or embed that makes the visitor's browser
/// send information about the visitor to someone. Declared once; the notice, the banner, the gates and the
/// consent records all come from this declaration.
/// </summary>
public sealed partial class ModuleDeclaration
{
    private TransmissionMeasure? _measure;
    private OptOutDeclaration? _knownOptOut;
    private ExemptionDeclaration? _knownExemption;

    /// <summary>Creates an empty declaration. <see cref="Id"/> must be set before validation.</summary>
    public ModuleDeclaration()
    {
    }

    /// <summary>Creates a declaration with the given id.</summary>
    /// <param name="id">Stable id: lower-case letters, digits, '-' and '_'.</param>
    public ModuleDeclaration(string id) => Id = id;

    /// <summary>Stable id used in markup (<c>consent-module="id"</c>), configuration keys and records.</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name in Japanese, for example 「Google アナリティクス」.</summary>
    public string? Name { get; set; }

    /// <summary>Display name in English.</summary>
    public string? NameEn { get; set; }

    /// <summary>What kind of module this is.</summary>
    public ModuleCategory? Category { get; set; }

    /// <summary>Who handles the information at the destination (Ordinance 22-2-29 (ii)).</summary>
    public RecipientDeclaration Recipient { get; set; } = new();

    /// <summary>The concrete items of information sent, in Japanese, one per entry (Ordinance 22-2-29 (i)).</summary>
    public IList<string> Information { get; set; } = new List<string>();

    /// <summary>The same items in English, in the same order.</summary>
    public IList<string> InformationEn { get; set; } = new List<string>();

    /// <summary>Both purposes of use (Ordinance 22-2-29 (iii)).</summary>
    public PurposeDeclaration Purpose { get; set; } = new();

    /// <summary>The measure taken before sending. Leave empty when <see cref="Exemption"/> is set.</summary>
    /// <remarks>
    /// On a module based on a catalogue entry, choosing <see cref="TransmissionMeasure.OptOut"/> fills in the entry's
    /// opt-out items when none are declared, and choosing any measure drops an exemption the entry suggested.
    /// </remarks>
    public TransmissionMeasure? Measure
    {
        get => _measure;
        set
        {
            _measure = value;
            if (Known is null)
            {
                return;
            }

            if (value is not null && _knownExemption is not null && ReferenceEquals(Exemption, _knownExemption))
            {
                Exemption = null;
            }

            if (value == TransmissionMeasure.OptOut && OptOut is null)
            {
                OptOut = _knownOptOut = Known.CreateOptOut();
            }
            else if (value != TransmissionMeasure.OptOut && _knownOptOut is not null && ReferenceEquals(OptOut, _knownOptOut))
            {
                OptOut = null;
            }
        }
    }

    /// <summary>The catalogue entry this declaration was based on, if any (see <see cref="BasedOn"/>).</summary>
    public KnownModule? Known { get; private set; }

    /// <summary>The opt-out items; required when <see cref="Measure"/> is <see cref="TransmissionMeasure.OptOut"/> (Ordinance 22-2-31).</summary>
    public OptOutDeclaration? OptOut { get; set; }

    /// <summary>The exemption that replaces the measure for information the law exempts.</summary>
    public ExemptionDeclaration? Exemption { get; set; }

    /// <summary>Host names the module contacts, for example <c>www.googletagmanager.com</c>.</summary>
    public IList<string> Hosts { get; set; } = new List<string>();

    /// <summary>Names of cookies the module sets. A trailing '*' matches a prefix, as in <c>_ga_*</c>.</summary>
    public IList<string> Cookies { get; set; } = new List<string>();

    /// <summary>Google Consent Mode v2 types this module stands for, such as <c>analytics_storage</c> or <c>ad_user_data</c>.</summary>
    public IList<string> ConsentModeTypes { get; set; } = new List<string>();

    /// <summary>Position in the notice; lower comes first, ties keep declaration order.</summary>
    public int Order { get; set; }

    /// <summary>
    /// Fills every item from a catalogue entry: name, category, recipient, information, both purposes, hosts, cookies,
    /// Consent Mode types and the suggested measure or exemption. Call it first; later calls override item by item
    /// (<c>Sends</c> adds an item, <c>WithPurposes</c> replaces both purposes, <c>WithMeasure</c> replaces the measure).
    /// </summary>
    /// <param name="known">The entry, for example <see cref="KnownModules.GoogleAnalytics4"/>.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration BasedOn(KnownModule known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var e = known.Entry;
        Known = known;
        Name = e.Name?.Ja;
        NameEn = e.Name?.En;
        Category = e.Category;
        Recipient = new RecipientDeclaration
        {
            Name = e.Recipient?.Name?.Ja,
            NameEn = e.Recipient?.Name?.En,
            Service = e.Recipient?.Service?.Ja,
            ServiceEn = e.Recipient?.Service?.En,
            PrivacyPolicyUrl = e.Recipient?.PrivacyPolicyUrl,
        };
        Information = (e.Information ?? []).Select(i => i.Ja ?? "").ToList();
        InformationEn = (e.Information ?? []).Select(i => i.En ?? "").ToList();
        Purpose = new PurposeDeclaration
        {
            Operator = e.Purpose?.Operator?.Ja,
            OperatorEn = e.Purpose?.Operator?.En,
            Recipient = e.Purpose?.Recipient?.Ja,
            RecipientEn = e.Purpose?.Recipient?.En,
        };
        Hosts = new List<string>(e.Hosts ?? []);
        Cookies = new List<string>(e.Cookies ?? []);
        ConsentModeTypes = new List<string>(e.ConsentModeTypes ?? []);
        OptOut = null;
        _knownOptOut = null;
        Exemption = _knownExemption = known.CreateExemption();
        Measure = e.SuggestedMeasure;
        return this;
    }

    /// <summary>Sets the display name.</summary>
    /// <param name="name">Japanese name.</param>
    /// <param name="en">English name.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration Named(string name, string? en = null)
    {
        Name = name;
        NameEn = en;
        return this;
    }

    /// <summary>Sets the category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration InCategory(ModuleCategory category)
    {
        Category = category;
        return this;
    }

    /// <summary>Sets the recipient (Ordinance 22-2-29 (ii)).</summary>
    /// <param name="legalName">Legal name, for example <c>Google LLC</c>.</param>
    /// <param name="service">Better-known service name in Japanese.</param>
    /// <param name="privacyPolicyUrl">The recipient's privacy policy, shown as a supplement.</param>
    /// <param name="serviceEn">Service name in English.</param>
    /// <param name="legalNameEn">Legal name in English, when it differs.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration SendsTo(string legalName, string? service = null, string? privacyPolicyUrl = null, string? serviceEn = null, string? legalNameEn = null)
    {
        Recipient = new RecipientDeclaration
        {
            Name = legalName,
            NameEn = legalNameEn,
            Service = service,
            ServiceEn = serviceEn,
            PrivacyPolicyUrl = privacyPolicyUrl,
        };
        return this;
    }

    /// <summary>Adds one item of information sent (Ordinance 22-2-29 (i)). Call once per item.</summary>
    /// <param name="item">The item in Japanese, for example 「閲覧したページのURL」.</param>
    /// <param name="en">The item in English.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration Sends(string item, string? en = null)
    {
        Information.Add(item);
        if (en is not null)
        {
            InformationEn.Add(en);
        }

        return this;
    }

    /// <summary>Sets both purposes of use (Ordinance 22-2-29 (iii)).</summary>
    /// <param name="operatorPurpose">Why the site sends it, in Japanese.</param>
    /// <param name="recipientPurpose">What the recipient uses it for, in Japanese.</param>
    /// <param name="operatorPurposeEn">The site's purpose in English.</param>
    /// <param name="recipientPurposeEn">The recipient's purpose in English.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration WithPurposes(string operatorPurpose, string recipientPurpose, string? operatorPurposeEn = null, string? recipientPurposeEn = null)
    {
        Purpose = new PurposeDeclaration
        {
            Operator = operatorPurpose,
            Recipient = recipientPurpose,
            OperatorEn = operatorPurposeEn,
            RecipientEn = recipientPurposeEn,
        };
        return this;
    }

    /// <summary>Sets the measure.</summary>
    /// <param name="measure">The measure.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration WithMeasure(TransmissionMeasure measure)
    {
        Measure = measure;
        return this;
    }

    /// <summary>Makes the module an opt-out module and sets its Ordinance 22-2-31 items.</summary>
    /// <param name="stops">Whether opting out stops the sending or the recipient's use.</param>
    /// <param name="limitations">What the visitor loses by opting out, or 「なし」 (Ordinance 22-2-31 (iv)).</param>
    /// <param name="limitationsEn">The same in English.</param>
    /// <param name="method">How opt-out requests are accepted, when not by ConsentKit's own controls (Ordinance 22-2-31 (iii)).</param>
    /// <param name="methodEn">The same in English.</param>
    /// <param name="url">Where the visitor opts out, when that is not the notice page.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration WithOptOut(OptOutScope stops, string limitations, string? limitationsEn = null, string? method = null, string? methodEn = null, string? url = null)
    {
        Measure = TransmissionMeasure.OptOut;
        OptOut = new OptOutDeclaration
        {
            Stops = stops,
            Limitations = limitations,
            LimitationsEn = limitationsEn,
            Method = method,
            MethodEn = methodEn,
            Url = url,
        };
        return this;
    }

    /// <summary>Marks the module exempt. An exempt module needs no measure.</summary>
    /// <param name="basis">The legal basis.</param>
    /// <param name="reason">Why the information is needed, in Japanese.</param>
    /// <param name="reasonEn">The same in English.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration Exempt(ExemptionBasis basis, string reason, string? reasonEn = null)
    {
        Exemption = new ExemptionDeclaration { Basis = basis, Reason = reason, ReasonEn = reasonEn };
        return this;
    }

    /// <summary>Adds host names the module contacts.</summary>
    /// <param name="hosts">Host names.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration ContactsHosts(params string[] hosts)
    {
        foreach (var host in hosts)
        {
            Hosts.Add(host);
        }

        return this;
    }

    /// <summary>Adds cookie names the module sets.</summary>
    /// <param name="cookies">Cookie names; a trailing '*' matches a prefix.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration SetsCookies(params string[] cookies)
    {
        foreach (var cookie in cookies)
        {
            Cookies.Add(cookie);
        }

        return this;
    }

    /// <summary>Maps the module to Google Consent Mode v2 types.</summary>
    /// <param name="types">Types such as <c>analytics_storage</c>, <c>ad_storage</c>, <c>ad_user_data</c>, <c>ad_personalization</c>.</param>
    /// <returns>This declaration, for chaining.</returns>
    public ModuleDeclaration MapsToConsentMode(params string[] types)
    {
        foreach (var type in types)
        {
            ConsentModeTypes.Add(type);
        }

        return this;
    }
}
