namespace ConsentKit;

/// <summary>
/// Every name the server and the client script (<c>consentkit.js</c>) share: form fields, actions, statuses, sources and
/// data attributes. One table, so the two sides cannot drift; a test checks that the script uses exactly these names.
/// Every data attribute starts with <see cref="AttributePrefix"/>.
/// </summary>
internal static class ConsentProtocol
{
    public const string AttributePrefix = "data-ck-";

    /// <summary>Form fields of the choice forms, and keys of the JSON body the script posts.</summary>
    public static class Fields
    {
        public const string Action = "action";
        public const string Module = "module";
        public const string Allow = "allow";
        public const string Source = "source";
        public const string Language = "lang";
        public const string ReturnUrl = "returnUrl";
    }

    /// <summary>Data attributes on the markup ConsentKit emits.</summary>
    public static class Attributes
    {
        /// <summary>On an inert script or a gated template: the module it belongs to.</summary>
        public const string Module = AttributePrefix + "module";

        /// <summary>On an inert script: the <c>src</c> it will load once allowed.</summary>
        public const string Src = AttributePrefix + "src";

        /// <summary>On an inert script: its original <c>type</c>.</summary>
        public const string Type = AttributePrefix + "type";

        /// <summary>On a placeholder: the module whose markup it stands in for.</summary>
        public const string Placeholder = AttributePrefix + "placeholder";

        /// <summary>On a choice form: <c>banner</c>, <c>settings</c> or <c>accept</c>.</summary>
        public const string Form = AttributePrefix + "form";

        /// <summary>On a notice-page control block: the module's status.</summary>
        public const string Status = AttributePrefix + "status";

        /// <summary>On the banner and on the client script: the Notice modules whose notice the banner shows. The
        /// script reads it from its own element only.</summary>
        public const string Shown = AttributePrefix + "shown";

        /// <summary>On the client script: the digests of the inert nodes the server emitted (<see cref="InertDigest"/>).</summary>
        public const string Integrity = AttributePrefix + "integrity";

        /// <summary>On the client script: the choices endpoint.</summary>
        public const string Choices = AttributePrefix + "choices";

        /// <summary>On the client script: every module's status as JSON.</summary>
        public const string State = AttributePrefix + "state";

        /// <summary>On the banner's settings link.</summary>
        public const string Settings = AttributePrefix + "settings";
    }

    /// <summary>
    /// Attributes a data block (a script of a non-script type) must not carry (HTML: "the script element" §4.12.1).
    /// An inert script keeps each under <see cref="AttributePrefix"/> + name; <c>consentkit.js</c> lists the same names.
    /// </summary>
    public static readonly string[] ScriptOnlyAttributes =
        ["src", "async", "defer", "nomodule", "crossorigin", "integrity", "referrerpolicy", "fetchpriority", "blocking"];

    /// <summary>Where a choice was made, as posted.</summary>
    public static class Sources
    {
        public const string Banner = "banner";
        public const string Notice = "notice";
        public const string Api = "api";
    }

    /// <summary>The action names posted by forms and the script.</summary>
    public static string ActionName(ConsentAction action) => action switch
    {
        ConsentAction.AcceptAll => "accept-all",
        ConsentAction.RejectAll => "reject-all",
        ConsentAction.Grant => "grant",
        ConsentAction.Deny => "deny",
        ConsentAction.Withdraw => "withdraw",
        ConsentAction.OptOut => "opt-out",
        ConsentAction.OptIn => "opt-in",
        ConsentAction.Save => "save",
        _ => "",
    };

    /// <summary>The actions a visitor can post (acknowledging a notice is the server's own step, never posted).</summary>
    public static readonly ConsentAction[] PostableActions =
    [
        ConsentAction.AcceptAll, ConsentAction.RejectAll, ConsentAction.Grant, ConsentAction.Deny,
        ConsentAction.Withdraw, ConsentAction.OptOut, ConsentAction.OptIn, ConsentAction.Save,
    ];

    public static bool TryParseAction(string? value, out ConsentAction action)
    {
        foreach (var candidate in PostableActions)
        {
            if (string.Equals(value, ActionName(candidate), StringComparison.Ordinal))
            {
                action = candidate;
                return true;
            }
        }

        action = 0;
        return false;
    }

    /// <summary>The status names in the script's state and the JSON responses.</summary>
    public static string StatusName(TransmissionStatus status) => status switch
    {
        TransmissionStatus.Allowed => "allowed",
        TransmissionStatus.Denied => "denied",
        TransmissionStatus.OptedOut => "optedOut",
        TransmissionStatus.Exempt => "exempt",
        _ => "pending",
    };

    public static ConsentSource ParseSource(string? value) => value switch
    {
        Sources.Banner => ConsentSource.Banner,
        Sources.Notice => ConsentSource.NoticePage,
        _ => ConsentSource.Api,
    };

    public static string LanguageCode(NoticeLanguage language) => language == NoticeLanguage.English ? "en" : "ja";

    public static NoticeLanguage ParseLanguage(string? value) => value == "en" ? NoticeLanguage.English : NoticeLanguage.Japanese;
}
