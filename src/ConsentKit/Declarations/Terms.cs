namespace ConsentKit;

/// <summary>A text in Japanese with its English counterpart.</summary>
internal readonly record struct Bilingual(string Ja, string En, bool EnglishMissing = false)
{
    public string In(NoticeLanguage language) => language == NoticeLanguage.English ? En : Ja;
}

/// <summary>The law's vocabulary, in plain Japanese first, used by the validator, the notice and the banner.</summary>
internal static class Terms
{
    public static readonly Bilingual ModuleName = new("名称", "name");
    public static readonly Bilingual Information = new("送信される情報", "information sent");
    public static readonly Bilingual RecipientName = new("送信先の事業者名", "recipient's legal name");
    public static readonly Bilingual OperatorPurpose = new("利用目的 (当サイト)", "site's purpose of use");
    public static readonly Bilingual RecipientPurpose = new("利用目的 (送信先)", "recipient's purpose of use");
    public static readonly Bilingual Measure = new("措置", "measure");
    public static readonly Bilingual Category = new("種類", "category");
    public static readonly Bilingual OptOutStops = new("オプトアウトで停止する行為", "what opting out stops");
    public static readonly Bilingual OptOutMethod = new("オプトアウトの受付方法", "how to opt out");
    public static readonly Bilingual OptOutLimitations = new("オプトアウトによる利用の制限", "what opting out limits");
    public static readonly Bilingual OptOutItems = new("オプトアウトの公表事項", "opt-out disclosure");
    public static readonly Bilingual ExemptionBasis = new("適用除外の根拠", "basis of the exemption");
    public static readonly Bilingual ExemptionReason = new("適用除外の理由", "reason for the exemption");
    public static readonly Bilingual Hosts = new("送信先のホスト", "hosts contacted");
    public static readonly Bilingual PrivacyPolicy = new("送信先のプライバシーポリシー", "recipient's privacy policy");
    public static readonly Bilingual OptOutUrl = new("オプトアウトのURL", "opt-out URL");
    public static readonly Bilingual ConsentModeType = new("Google 同意モードの種類", "Google Consent Mode type");

    /// <summary>The notice's plain headings for an exempt module's basis and reason (visitor-facing; 適用除外 is a legal term).</summary>
    public static readonly Bilingual NeedKind = new("必要とされる理由の種類", "kind of need");

    public static readonly Bilingual NeedReason = new("必要な理由", "why it is needed");

    /// <summary>The notice's plain heading for the measure row (visitor-facing; 措置 is a legal term).</summary>
    public static readonly Bilingual Condition = new("送信の条件", "when it is sent");

    /// <summary>The measure in plain words for visitors; the legal term (<see cref="Of(TransmissionMeasure)"/>) stays in developer messages.</summary>
    public static Bilingual Plain(TransmissionMeasure measure) => measure switch
    {
        TransmissionMeasure.Publication => new("このページでお知らせ", "Made known on this page"),
        TransmissionMeasure.Notice => new("画面でお知らせ", "Shown on screen first"),
        TransmissionMeasure.Consent => new("同意が必要", "Needs your consent"),
        TransmissionMeasure.OptOut => new("停止を求められます", "You can stop it"),
        _ => new("不明", "Unknown"),
    };

    public static Bilingual Of(TransmissionMeasure measure) => measure switch
    {
        TransmissionMeasure.Publication => new("公表", "Publication"),
        TransmissionMeasure.Notice => new("通知", "Notice"),
        TransmissionMeasure.Consent => new("同意", "Consent"),
        TransmissionMeasure.OptOut => new("オプトアウト", "Opt-out"),
        _ => new("不明", "Unknown"),
    };

    /// <summary>What each measure means for the visitor, in one plain sentence.</summary>
    public static Bilingual Explain(TransmissionMeasure measure) => measure switch
    {
        TransmissionMeasure.Publication => new(
            "このページでお知らせしたうえで送信します。",
            "Sent after being made known on this page."),
        TransmissionMeasure.Notice => new(
            "初めて表示するときにお知らせを画面に表示し、そのあと送信します。",
            "Sent after you have been shown a notice on screen."),
        TransmissionMeasure.Consent => new(
            "あなたが「同意する」を選んだときだけ送信します。",
            "Sent only if you choose \"Accept\"."),
        TransmissionMeasure.OptOut => new(
            "送信しますが、あなたはいつでも停止を求めることができます。",
            "Sent unless you ask us to stop. You can ask at any time."),
        _ => new("", ""),
    };

    public static Bilingual Of(OptOutScope scope) => scope switch
    {
        OptOutScope.Transmission => new("情報の送信を停止します", "The sending of the information stops"),
        OptOutScope.Use => new("送信先での情報の利用を停止します", "The recipient stops using the information"),
        _ => new("不明", "Unknown"),
    };

    public static Bilingual Of(ExemptionBasis basis) => basis switch
    {
        ConsentKit.ExemptionBasis.ServiceDelivery => new("サービスの提供に本当に必要な情報 (表示など)", "Information truly needed to provide the service, such as display"),
        ConsentKit.ExemptionBasis.InputRedisplay => new("入力した内容をもう一度表示するために必要な情報", "Information needed to show again what you entered"),
        ConsentKit.ExemptionBasis.Authentication => new("ログインなどの認証に必要な情報", "Information needed for logging in"),
        ConsentKit.ExemptionBasis.FraudPrevention => new("不正な利用を見つけ、被害を防ぐために必要な情報", "Information needed to detect and limit fraudulent use"),
        ConsentKit.ExemptionBasis.InfrastructureOperation => new("設備の負荷を減らし、適切に運用するために必要な情報", "Information needed to reduce load and operate the equipment properly"),
        ConsentKit.ExemptionBasis.FirstPartyIdentifier => new("当サイトが発行した識別子を当サイトにだけ送るもの", "An identifier we issued, sent back only to us"),
        _ => new("不明", "Unknown"),
    };

    public static string CitationOf(ExemptionBasis basis) => basis switch
    {
        ConsentKit.ExemptionBasis.ServiceDelivery => "施行規則 第22条の2の30 第1号 / Ordinance 22-2-30 (i)",
        ConsentKit.ExemptionBasis.InputRedisplay => "施行規則 第22条の2の30 第2号 / Ordinance 22-2-30 (ii)",
        ConsentKit.ExemptionBasis.Authentication => "施行規則 第22条の2の30 第3号 / Ordinance 22-2-30 (iii)",
        ConsentKit.ExemptionBasis.FraudPrevention => "施行規則 第22条の2の30 第4号 / Ordinance 22-2-30 (iv)",
        ConsentKit.ExemptionBasis.InfrastructureOperation => "施行規則 第22条の2の30 第5号 / Ordinance 22-2-30 (v)",
        ConsentKit.ExemptionBasis.FirstPartyIdentifier => "電気通信事業法 第27条の12 第2号 / Act 27-12 (ii)",
        _ => "",
    };

    public static Bilingual Of(ModuleCategory category) => category switch
    {
        ModuleCategory.Analytics => new("アクセス解析", "Analytics"),
        ModuleCategory.Advertising => new("広告", "Advertising"),
        ModuleCategory.Social => new("ソーシャルメディア", "Social media"),
        ModuleCategory.Embed => new("埋め込みコンテンツ", "Embedded content"),
        ModuleCategory.Functional => new("サイトの機能", "Site features"),
        ModuleCategory.Security => new("セキュリティ", "Security"),
        ModuleCategory.Infrastructure => new("配信基盤", "Delivery infrastructure"),
        ModuleCategory.Experimentation => new("表示の改善テスト", "A/B testing"),
        _ => new("不明", "Unknown"),
    };
}
