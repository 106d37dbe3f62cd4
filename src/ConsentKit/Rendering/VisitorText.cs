namespace ConsentKit;

/// <summary>
/// The fixed texts ConsentKit shows visitors in one language: the banner, its buttons and badges, the placeholder,
/// the notice page (its sentences, headings and controls) and the page that explains a refused choice. Japanese first (<see cref="VisitorTextOptions.Ja"/>), English beside it
/// (<see cref="VisitorTextOptions.En"/>). A site can replace any of them, in code
/// (<c>o.Text.Ja.BannerTitle = "…"</c>) or in configuration (<c>ConsentKit:Text:Ja:BannerTitle</c>). Texts are plain
/// text: ConsentKit encodes them for HTML. A text left empty is reported at startup.
/// </summary>
public sealed partial class VisitorText
{
    /// <summary>The banner's heading. 利用者情報の外部送信について / External transmission of user information.</summary>
    public string BannerTitle { get; set; } = "";

    /// <summary>The banner's first sentence: what is sent and when.</summary>
    public string BannerIntro { get; set; } = "";

    /// <summary>The banner's link to the notice page.</summary>
    public string BannerMoreLink { get; set; } = "";

    /// <summary>Before a module's recipient in the banner. 送信先 / To.</summary>
    public string RecipientLabel { get; set; } = "";

    /// <summary>Before a module's information in the banner. 送信する情報 / Sends.</summary>
    public string InformationLabel { get; set; } = "";

    /// <summary>Before a module's purpose in the banner. 目的 / Why.</summary>
    public string PurposeLabel { get; set; } = "";

    /// <summary>The banner's per-module settings heading.</summary>
    public string SettingsLegend { get; set; } = "";

    /// <summary>The button that saves per-module settings. 選択を保存する / Save.</summary>
    public string Save { get; set; } = "";

    /// <summary>The banner's accept button. 同意する / Accept.</summary>
    public string Accept { get; set; } = "";

    /// <summary>The banner's decline button. 同意しない / Decline.</summary>
    public string Decline { get; set; } = "";

    /// <summary>The banner's settings link. 設定 / Settings.</summary>
    public string Settings { get; set; } = "";

    /// <summary>What declining does not stop; <c>{modules}</c> is replaced by the Notice modules' names.</summary>
    public string DeclineDoesNotStop { get; set; } = "";

    /// <summary>Badge of a module that needs consent.</summary>
    public string BadgeConsent { get; set; } = "";

    /// <summary>Badge of a module the visitor can stop.</summary>
    public string BadgeOptOut { get; set; } = "";

    /// <summary>Badge of a module sent after a notice.</summary>
    public string BadgeNotice { get; set; } = "";

    /// <summary>Badge of a module made known on the notice page.</summary>
    public string BadgePublication { get; set; } = "";

    /// <summary>The notice page's label before the visitor's current choice. あなたの選択 / Your choice.</summary>
    public string YourChoice { get; set; } = "";

    /// <summary>The notice page's button that withdraws consent.</summary>
    public string WithdrawConsent { get; set; } = "";

    /// <summary>The notice page's button that grants consent to one module.</summary>
    public string Grant { get; set; } = "";

    /// <summary>The notice page's button that declines one module.</summary>
    public string Deny { get; set; } = "";

    /// <summary>The notice page's link to the recipient's own opt-out page.</summary>
    public string AskRecipientToStop { get; set; } = "";

    /// <summary>The notice page's button that resumes an opted-out module.</summary>
    public string ResumeSending { get; set; } = "";

    /// <summary>The notice page's button that opts out of a module.</summary>
    public string StopSending { get; set; } = "";

    /// <summary>The footer link to the notice page (R11). 利用者情報の外部送信について / External transmission of user information.</summary>
    public string NoticeLink { get; set; } = "";

    /// <summary>The placeholder's button that allows a module and shows its content. 同意して表示する / Allow and show.</summary>
    public string AllowAndShow { get; set; } = "";

    /// <summary>
    /// The placeholder's sentence of what allowing a module sends: <c>{recipient}</c>, <c>{information}</c> and
    /// <c>{purpose}</c> are replaced by the module's declared texts.
    /// </summary>
    public string PlaceholderSummary { get; set; } = "";

    /// <summary>The Japanese defaults.</summary>
    public static VisitorText Japanese()
    {
        var text = BannerJapanese();
        text.SetNoticeJapanese();
        text.SetChoicesJapanese();
        text.SetGlossaryJapanese();
        return text;
    }

    /// <summary>The English defaults.</summary>
    public static VisitorText English()
    {
        var text = BannerEnglish();
        text.SetNoticeEnglish();
        text.SetChoicesEnglish();
        text.SetGlossaryEnglish();
        return text;
    }

    private static VisitorText BannerJapanese() => new()
    {
        BannerTitle = "利用者情報の外部送信について",
        BannerIntro = "このサイトでは、ページの表示にあわせて、あなたのブラウザから次の事業者へ情報を送信します。「同意が必要」のものは、「同意する」を選んだときだけ送信します。",
        BannerMoreLink = "送信先の利用目的を含む詳しい内容と、すべての送信先の一覧（利用者情報の外部送信について）",
        RecipientLabel = "送信先",
        InformationLabel = "送信する情報",
        PurposeLabel = "目的",
        SettingsLegend = "モジュールごとの設定（オンにしたものだけ送信します）",
        Save = "選択を保存する",
        Accept = "同意する",
        Decline = "同意しない",
        Settings = "設定",
        DeclineDoesNotStop = "「同意しない」を選んでも、{modules}の送信は続きます。これらは、このお知らせで内容をお伝えしたうえで送信するもので、同意を必要としないためです。",
        BadgeConsent = "同意が必要",
        BadgeOptOut = "停止できます",
        BadgeNotice = "お知らせ",
        BadgePublication = "公表",
        YourChoice = "あなたの選択",
        WithdrawConsent = "同意を取り消す",
        Grant = "同意する",
        Deny = "同意しない",
        AskRecipientToStop = "送信先のページで利用の停止を求める",
        ResumeSending = "送信を再開する",
        StopSending = "送信を停止する",
        AllowAndShow = "同意して表示する",
        PlaceholderSummary = "表示すると、{recipient}に、{information}が送信されます。目的: {purpose}",
        NoticeLink = "利用者情報の外部送信について",
    };

    private static VisitorText BannerEnglish() => new()
    {
        BannerTitle = "External transmission of user information",
        BannerIntro = "As you view pages, this site makes your browser send information to the companies below. Items marked \"needs your consent\" are sent only if you choose 同意する (Accept).",
        BannerMoreLink = "Full details and every recipient",
        RecipientLabel = "To",
        InformationLabel = "Sends",
        PurposeLabel = "Why",
        SettingsLegend = "Per module (only the ones switched on are sent)",
        Save = "Save",
        Accept = "Accept",
        Decline = "Decline",
        Settings = "Settings",
        DeclineDoesNotStop = "Choosing Decline does not stop {modules}: they need no consent, only this notice.",
        BadgeConsent = "needs your consent",
        BadgeOptOut = "you can stop it",
        BadgeNotice = "notice",
        BadgePublication = "published",
        YourChoice = "Your choice",
        WithdrawConsent = "Withdraw consent",
        Grant = "Accept",
        Deny = "Decline",
        AskRecipientToStop = "Ask the recipient to stop using it",
        ResumeSending = "Resume sending",
        StopSending = "Stop sending",
        AllowAndShow = "Allow and show",
        PlaceholderSummary = "Showing it sends {information} to {recipient}. Why: {purpose}",
        NoticeLink = "External transmission of user information",
    };

    /// <summary>Every text by its key (the property name), for configuration and the startup check.</summary>
    internal static IReadOnlyList<System.Reflection.PropertyInfo> Keys { get; } =
        typeof(VisitorText).GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite).ToArray();

    internal VisitorText Copy() => (VisitorText)MemberwiseClone();

    internal string Badge(TransmissionMeasure measure) => measure switch
    {
        TransmissionMeasure.Consent => BadgeConsent,
        TransmissionMeasure.OptOut => BadgeOptOut,
        TransmissionMeasure.Notice => BadgeNotice,
        _ => BadgePublication,
    };
}

/// <summary>The visitor-facing texts in both languages: Japanese first, English beside it.</summary>
public sealed class VisitorTextOptions
{
    /// <summary>The Japanese texts (the banner is always in Japanese; Ordinance 22-2-28 (1)(i)).</summary>
    public VisitorText Ja { get; } = VisitorText.Japanese();

    /// <summary>The English texts, shown beside the Japanese for a visitor who prefers English.</summary>
    public VisitorText En { get; } = VisitorText.English();

    /// <summary>
    /// Overrides by key, for example <c>["ja:BannerTitle"] = "…"</c> or <c>["en:Accept"] = "…"</c>; applied over
    /// <see cref="Ja"/> and <see cref="En"/>. An unknown key is reported at startup.
    /// </summary>
    public IDictionary<string, string> Overrides { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The texts of one language.</summary>
    /// <param name="language">The language.</param>
    /// <returns><see cref="Ja"/> or <see cref="En"/>.</returns>
    public VisitorText For(NoticeLanguage language) => language == NoticeLanguage.English ? En : Ja;
}

/// <summary>Applies the overrides and checks the texts: one place for the table's keys.</summary>
internal static class VisitorTexts
{
    public static (VisitorText Ja, VisitorText En) Freeze(VisitorTextOptions options)
    {
        var ja = options.Ja.Copy();
        var en = options.En.Copy();
        foreach (var (key, value) in options.Overrides)
        {
            if (Parse(key) is { } target)
            {
                target.Property.SetValue(target.English ? en : ja, value);
            }
        }

        return (ja, en);
    }

    public static IEnumerable<string> Problems(VisitorTextOptions options)
    {
        foreach (var key in options.Overrides.Keys)
        {
            if (Parse(key) is null)
            {
                yield return $"'{key}' is not a text key; use ja:<Key> or en:<Key> with one of {string.Join(", ", VisitorText.Keys.Select(p => p.Name))}";
            }
        }

        var (ja, en) = Freeze(options);
        foreach (var (language, text) in new[] { ("ja", ja), ("en", en) })
        {
            foreach (var property in VisitorText.Keys)
            {
                if (string.IsNullOrWhiteSpace(property.GetValue(text) as string))
                {
                    yield return $"{language}:{property.Name} is empty; a visitor would see no text there";
                }
            }
        }
    }

    /// <summary><c>ja:BannerTitle</c> or <c>en.Accept</c> (case-insensitive) to the property and language.</summary>
    public static (System.Reflection.PropertyInfo Property, bool English)? Parse(string key)
    {
        var separator = key.IndexOfAny([':', '.']);
        if (separator <= 0)
        {
            return null;
        }

        var language = key[..separator];
        var english = language.Equals("en", StringComparison.OrdinalIgnoreCase);
        if (!english && !language.Equals("ja", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = key[(separator + 1)..];
        var property = VisitorText.Keys.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return property is null ? null : (property, english);
    }
}
